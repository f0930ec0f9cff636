// alpes: listener queue. Copied into pulsar-client's src/ by scripts/pulsar/listener-queue-patch.mjs (npm run
// pulsar:native); MessageListener.h and ReaderListener.h hold one, Consumer.cc and Reader.cc push to it.
//
// Upstream, libpulsar's listener thread hands a consumer's or reader's messages to JavaScript one at a time: a
// BlockingCall per message, then it waits until the JavaScript listener returned (and its promise settled) before it
// takes the next message of ANY consumer or reader bound to that thread (messageListenerThreads). On a busy event loop
// each thread then delivers about one message per loop turn. Here the listener thread queues the message and returns;
// one JavaScript call hands every message queued so far to the listener, in order. The thread waits only while
// LISTENER_QUEUE_MAX messages of that consumer or reader are queued (back-pressure), and a listener's returned promise
// is no longer awaited. After close() the queued messages are dropped (a consumer's stay unacknowledged: the broker
// hands them out again). PULSAR_NATIVE_LISTENER=per-message (read when the consumer or reader is created) keeps the
// upstream path.
#ifndef ALPES_LISTENER_QUEUE_H
#define ALPES_LISTENER_QUEUE_H

#include <napi.h>
#include <pulsar/c/message.h>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>

class ListenerQueue {
 public:
  static const size_t LISTENER_QUEUE_MAX = 1000;

  /** False with PULSAR_NATIVE_LISTENER=per-message: the caller keeps the upstream path. */
  const bool enabled = Enabled();
  /** JavaScript thread: set on close(); the messages still queued are not delivered. */
  bool paused = false;

  /**
   * libpulsar's listener thread: queues the message; one call on the JavaScript thread later passes every queued
   * message to deliver(env, jsCallback, message), in order, until paused.
   */
  template <typename Deliver>
  void Push(Napi::ThreadSafeFunction &tsfn, std::shared_ptr<pulsar_message_t> cMessage, Deliver deliver) {
    if (tsfn.Acquire() != napi_ok) return;  // closing: not delivered, as upstream
    bool schedule;
    {
      std::unique_lock<std::mutex> lock(mutex);
      space.wait(lock, [this] { return queued.size() < LISTENER_QUEUE_MAX; });
      queued.push_back(std::move(cMessage));
      schedule = !drainScheduled;
      drainScheduled = true;
    }
    if (schedule) {
      tsfn.BlockingCall([this, deliver](Napi::Env env, Napi::Function jsCallback) { Drain(env, jsCallback, deliver); });
    }
    tsfn.Release();
  }

 private:
  std::mutex mutex;  // guards queued and drainScheduled
  std::condition_variable space;
  std::deque<std::shared_ptr<pulsar_message_t>> queued;
  bool drainScheduled = false;  // a Drain call is on its way

  static bool Enabled() {
    const char *mode = std::getenv("PULSAR_NATIVE_LISTENER");
    return mode == nullptr || std::strcmp(mode, "per-message") != 0;
  }

  template <typename Deliver>
  void Drain(Napi::Env env, Napi::Function jsCallback, const Deliver &deliver) {
    std::deque<std::shared_ptr<pulsar_message_t>> messages;
    {
      std::lock_guard<std::mutex> lock(mutex);
      messages.swap(queued);
      drainScheduled = false;
    }
    space.notify_all();
    for (const auto &cMessage : messages) {
      if (paused) return;  // closed, maybe by the listener itself
      Napi::HandleScope scope(env);
      deliver(env, jsCallback, cMessage);
    }
  }
};

#endif
