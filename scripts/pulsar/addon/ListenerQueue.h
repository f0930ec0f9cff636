// alpes: listener queue. Included by pulsar-client's src/Consumer.cc right before MessageListener, by
// scripts/pulsar/listener-queue-patch.mjs (npm run pulsar:native), with the fields it adds to MessageListener.h.
//
// Upstream, libpulsar's listener thread hands a consumer's messages to JavaScript one at a time: a BlockingCall per
// message, then it waits until the JavaScript listener returned (and its promise settled) before it takes the next
// message of ANY consumer bound to that thread. Here the listener thread queues the message and returns; one
// JavaScript call hands every message queued so far to the listener, in order. It waits only while LISTENER_QUEUE_MAX
// messages of the consumer are queued (back-pressure), and a listener's returned promise is no longer awaited (its
// rejection is still logged). After close() the queued messages are dropped, unacknowledged: the broker hands them
// out again. PULSAR_NATIVE_LISTENER=per-message (read when the consumer is subscribed) keeps the upstream path.
#ifndef ALPES_LISTENER_QUEUE_H
#define ALPES_LISTENER_QUEUE_H

static const size_t LISTENER_QUEUE_MAX = 1000;

/** JavaScript thread: hands every queued message to the listener, in order, in one call. */
static void DrainListenerQueue(Napi::Env env, Napi::Function jsCallback, MessageListenerCallback *cb) {
  std::deque<std::shared_ptr<pulsar_message_t>> messages;
  {
    std::lock_guard<std::mutex> lock(cb->queueMutex);
    messages.swap(cb->queued);
    cb->drainScheduled = false;
  }
  cb->queueSpace.notify_all();
  Consumer *consumer = static_cast<Consumer *>(cb->consumerFuture.get());
  for (const auto &cMessage : messages) {
    if (cb->paused) return;  // closed (maybe by the listener itself): left unacknowledged
    Napi::HandleScope scope(env);
    Napi::Value ret;
    try {
      ret = jsCallback.Call({Message::NewInstance({}, cMessage), consumer->Value()});
    } catch (std::exception &exception) {
      logMessageListenerError(consumer, exception.what());
      continue;
    }
    if (ret.IsPromise()) {  // not awaited; its rejection is logged, as upstream
      Napi::Promise promise = ret.As<Napi::Promise>();
      promise.Get("catch").As<Napi::Function>().Call(
          promise, {Napi::Function::New(env, [consumer](const Napi::CallbackInfo &info) {
            logMessageListenerError(consumer, info[0].As<Napi::Error>().what());
          })});
    }
  }
}

/** libpulsar's listener thread: queues the message for DrainListenerQueue and returns. */
static void QueueForListener(MessageListenerCallback *cb, std::shared_ptr<pulsar_message_t> cMessage) {
  if (cb->callback.Acquire() != napi_ok) return;  // closing: not delivered, as upstream
  bool schedule;
  {
    std::unique_lock<std::mutex> lock(cb->queueMutex);
    cb->queueSpace.wait(lock, [cb] { return cb->queued.size() < LISTENER_QUEUE_MAX; });
    cb->queued.push_back(std::move(cMessage));
    schedule = !cb->drainScheduled;
    cb->drainScheduled = true;
  }
  if (schedule) cb->callback.BlockingCall(cb, DrainListenerQueue);
  cb->callback.Release();
}

#endif
