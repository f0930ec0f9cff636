// alpes: completion queue. Copied into pulsar-client's src/ by scripts/pulsar/completion-queue-patch.mjs before the
// addon is built (npm run pulsar:native).
//
// Upstream, every Producer::Send and Consumer::Acknowledge makes a ThreadSafeDeferred: a new JavaScript function and
// a new Napi::ThreadSafeFunction (a libuv async handle, opened on the JavaScript thread and closed there again once
// the operation completed). Here a producer or consumer makes ONE thread-safe function, for its life, and each
// operation only takes a ticket: libpulsar's thread puts the completed ticket on a queue and wakes the JavaScript
// thread unless a wake-up is already pending; there, one call settles every ticket queued so far. A ticket completed
// on the JavaScript thread inside the libpulsar call that began it (`calling`: libpulsar acknowledges at once when it
// groups acks) is settled there and then; anywhere else (a garbage-collector finaliser, another addon call) it is
// queued like the others.
//
// Lifetime: the thread-safe function counts one reference for its owner (released by Close()) and one per ticket in
// flight (acquired by Begin(), released by the libpulsar thread once the ticket is queued), so it goes only after the
// last completion was delivered. It keeps the event loop alive only while tickets are in flight, as the upstream
// per-call functions did. PULSAR_NATIVE_COMPLETIONS=per-call (read when the producer or consumer is created) keeps
// the upstream path, for A/B measurements.
#ifndef ALPES_COMPLETION_QUEUE_H
#define ALPES_COMPLETION_QUEUE_H

#include <napi.h>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

class CompletionQueue;

/** One operation in flight: libpulsar's callback ctx, settled exactly once (Resolve or Reject) from any thread. */
struct CompletionTicket {
  std::shared_ptr<CompletionQueue> queue;
  Napi::Promise::Deferred deferred;
  std::shared_ptr<void> keepAlive;  // what the operation needs until it completes (the message being sent)
  bool ok = false;
  std::function<Napi::Value(const Napi::Env)> value;
  std::string error;

  CompletionTicket(std::shared_ptr<CompletionQueue> queue, const Napi::Env env, std::shared_ptr<void> keepAlive)
      : queue(std::move(queue)), deferred(Napi::Promise::Deferred::New(env)), keepAlive(std::move(keepAlive)) {}
};

class CompletionQueue : public std::enable_shared_from_this<CompletionQueue> {
 public:
  /** JavaScript thread. nullptr with PULSAR_NATIVE_COMPLETIONS=per-call: the caller keeps the upstream path. */
  static std::shared_ptr<CompletionQueue> Create(const Napi::Env env, const char *name) {
    const char *mode = std::getenv("PULSAR_NATIVE_COMPLETIONS");
    if (mode != nullptr && std::strcmp(mode, "per-call") == 0) return nullptr;
    std::shared_ptr<CompletionQueue> queue(new CompletionQueue());
    queue->env = env;
    napi_value resourceName;
    if (napi_create_string_utf8(env, name, NAPI_AUTO_LENGTH, &resourceName) != napi_ok) return nullptr;
    auto holder = new std::shared_ptr<CompletionQueue>(queue);  // the thread-safe function's context
    if (napi_create_threadsafe_function(env, nullptr, nullptr, resourceName, 0, 1, holder, &Finalize, holder, &Drain,
                                        &queue->tsfn) != napi_ok) {
      delete holder;
      return nullptr;
    }
    napi_unref_threadsafe_function(env, queue->tsfn);  // idle: the process may exit
    return queue;
  }

  /**
   * JavaScript thread: a ticket for one operation, handed to libpulsar as its ctx. nullptr without a queue or once it
   * was closed: the caller then takes the upstream path (which reports what libpulsar says, e.g. AlreadyClosed).
   */
  static CompletionTicket *Begin(const std::shared_ptr<CompletionQueue> &queue, const Napi::Env env,
                                 std::shared_ptr<void> keepAlive = nullptr) {
    if (!queue || queue->closed) return nullptr;
    if (napi_acquire_threadsafe_function(queue->tsfn) != napi_ok) return nullptr;
    if (queue->inFlight++ == 0) napi_ref_threadsafe_function(env, queue->tsfn);
    return new CompletionTicket(queue, env, std::move(keepAlive));
  }

  /** Any thread, once per ticket: the promise resolves to value(env), built on the JavaScript thread. */
  static void Resolve(CompletionTicket *ticket, std::function<Napi::Value(const Napi::Env)> value) {
    ticket->ok = true;
    ticket->value = std::move(value);
    Post(ticket);
  }

  /** Any thread, once per ticket: the promise rejects with an Error of this message (as ThreadSafeDeferred did). */
  static void Reject(CompletionTicket *ticket, std::string error) {
    ticket->error = std::move(error);
    Post(ticket);
  }

  /** JavaScript thread: set around the libpulsar call a ticket was begun for (its completion may come inside it). */
  bool calling = false;

  /** JavaScript thread: no new tickets; the thread-safe function goes once the tickets in flight are settled. */
  void Close() {
    if (closed) return;
    closed = true;
    std::lock_guard<std::mutex> lock(mutex);
    if (tsfn != nullptr) napi_release_threadsafe_function(tsfn, napi_tsfn_release);
  }

 private:
  CompletionQueue() = default;

  napi_env env = nullptr;
  std::thread::id jsThread = std::this_thread::get_id();
  napi_threadsafe_function tsfn = nullptr;  // nullptr once finalized
  std::mutex mutex;                         // guards completed, scheduled and tsfn
  std::vector<CompletionTicket *> completed;
  bool scheduled = false;  // a Drain call is queued and has not taken the completed tickets yet
  bool closed = false;     // JavaScript thread only
  size_t inFlight = 0;     // JavaScript thread only

  static void Post(CompletionTicket *ticket) {
    ticket->keepAlive.reset();  // on the libpulsar thread, as upstream
    std::shared_ptr<CompletionQueue> queue = ticket->queue;  // outlives the lock below
    if (std::this_thread::get_id() == queue->jsThread && queue->calling) {
      // completed inside the libpulsar call that began it (libpulsar acknowledges a grouped ack at once): settle now
      Settle(Napi::Env(queue->env), ticket);
      delete ticket;
      queue->Settled(queue->env, 1);
      if (queue->tsfn != nullptr) napi_release_threadsafe_function(queue->tsfn, napi_tsfn_release);
      return;
    }
    std::lock_guard<std::mutex> lock(queue->mutex);
    if (queue->tsfn == nullptr) {  // the environment is being torn down (process exit): nobody to tell
      delete ticket;
      return;
    }
    queue->completed.push_back(ticket);
    if (!queue->scheduled) {
      queue->scheduled = true;
      napi_call_threadsafe_function(queue->tsfn, nullptr, napi_tsfn_nonblocking);  // unbounded: never full
    }
    napi_release_threadsafe_function(queue->tsfn, napi_tsfn_release);  // the reference Begin() acquired
  }

  /** JavaScript thread (env nullptr: teardown, only free): settles every ticket completed so far, in order. */
  static void Drain(napi_env env, napi_value, void *context, void *) {
    CompletionQueue &queue = **static_cast<std::shared_ptr<CompletionQueue> *>(context);
    std::vector<CompletionTicket *> done;
    {
      std::lock_guard<std::mutex> lock(queue.mutex);
      done.swap(queue.completed);
      queue.scheduled = false;
    }
    if (env == nullptr) {
      for (CompletionTicket *ticket : done) delete ticket;
      return;
    }
    Napi::Env jsEnv(env);
    for (CompletionTicket *ticket : done) {
      Settle(jsEnv, ticket);
      delete ticket;
    }
    queue.Settled(env, done.size());
  }

  /** JavaScript thread: idle again, the thread-safe function no longer keeps the process alive. */
  void Settled(napi_env env, size_t count) {
    inFlight -= count;
    if (inFlight == 0 && tsfn != nullptr) napi_unref_threadsafe_function(env, tsfn);
  }

  static void Settle(const Napi::Env env, CompletionTicket *ticket) {
    Napi::HandleScope scope(env);
    try {
      if (!ticket->ok) {
        ticket->deferred.Reject(Napi::Error::New(env, ticket->error).Value());
      } else {
        ticket->deferred.Resolve(ticket->value ? ticket->value(env) : env.Undefined());
      }
    } catch (const Napi::Error &error) {
      ticket->deferred.Reject(error.Value());
    }
  }

  /** JavaScript thread: the thread-safe function is gone (its references all released, or teardown). */
  static void Finalize(napi_env, void *data, void *) {
    auto holder = static_cast<std::shared_ptr<CompletionQueue> *>(data);
    {
      std::lock_guard<std::mutex> lock((*holder)->mutex);
      (*holder)->tsfn = nullptr;
      (*holder)->closed = true;
    }
    delete holder;
  }
};

#endif
