// pulsar-client 1.18.0 (the Node addon) hands a consumer's or reader's messages to its JavaScript listener one at a
// time: the listener thread makes a BlockingCall per message and waits until the listener returned before it takes the
// next message of any consumer or reader bound to that thread (the client's messageListenerThreads). On a busy event
// loop each thread then delivers about one message per loop turn. This patch queues the messages instead and hands
// every message queued so far to the listener in one JavaScript call (addon/ListenerQueue.h), with back-pressure at
// 1,000 queued messages per consumer or reader. It edits the reader listener as reader-listener-fix.mjs left it (that
// patch goes first). PULSAR_NATIVE_LISTENER=per-message keeps the upstream path, for A/B measurements. Node builtins only.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { addonPatch } from './addon-patch.mjs';

const MARKER = 'alpes: listener queue';
const HEADER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'addon', 'ListenerQueue.h');

/** The member the listener callback structs get, after their last one. */
const queueMember = (after) => ({
  from: after,
  to: `${after}
  ListenerQueue queue;  // ${MARKER} (ListenerQueue.h): messages waiting for the JavaScript thread
`,
});

/** The branch at the top of a listener: queue the message and return, unless the queue is off (upstream path). */
const pushBranch = (callback, owner, deliver) => `  if (${callback}->queue.enabled) {  // ${MARKER}
    return ${callback}->queue.Push(${callback}->callback, cMessage,
                                   [${owner}](Napi::Env env, Napi::Function jsCallback,
                                          const std::shared_ptr<pulsar_message_t> &message) {
${deliver}
                                   });
  }
`;

const EDITS = [
  { file: 'src/MessageListener.h', from: '#include <future>', to: `#include <future>\n#include "ListenerQueue.h"` },
  { file: 'src/MessageListener.h', ...queueMember('  std::shared_future<void *> consumerFuture;\n') },
  { file: 'src/ReaderListener.h', from: '#include <future>', to: `#include <future>\n#include "ListenerQueue.h"` },
  { file: 'src/ReaderListener.h', ...queueMember('  std::shared_future<void *> readerFuture;\n') },
  {
    file: 'src/Consumer.cc',
    from: 'void MessageListener(pulsar_consumer_t *rawConsumer, pulsar_message_t *rawMessage, void *ctx) {',
    to: `// ${MARKER}: one message to the listener, as MessageListenerProxy does, without waiting for its promise
static void DeliverToListener(Napi::Env env, Napi::Function jsCallback, Consumer *consumer,
                              const std::shared_ptr<pulsar_message_t> &cMessage) {
  Napi::Value ret;
  try {
    ret = jsCallback.Call({Message::NewInstance({}, cMessage), consumer->Value()});
  } catch (std::exception &exception) {
    logMessageListenerError(consumer, exception.what());
    return;
  }
  if (ret.IsPromise()) {
    Napi::Promise promise = ret.As<Napi::Promise>();
    promise.Get("catch").As<Napi::Function>().Call(
        promise, {Napi::Function::New(env, [consumer](const Napi::CallbackInfo &info) {
          logMessageListenerError(consumer, info[0].As<Napi::Error>().what());
        })});
  }
}

void MessageListener(pulsar_consumer_t *rawConsumer, pulsar_message_t *rawMessage, void *ctx) {`,
  },
  {
    file: 'src/Consumer.cc',
    from: `  Consumer *consumer = static_cast<Consumer *>(listenerCallback->consumerFuture.get());
`,
    to: `  Consumer *consumer = static_cast<Consumer *>(listenerCallback->consumerFuture.get());
${pushBranch('listenerCallback', 'consumer', '                                     DeliverToListener(env, jsCallback, consumer, message);')}`,
  },
  {
    file: 'src/Consumer.cc',
    from: `    pulsar_consumer_pause_message_listener(this->cConsumer.get());
    this->listener->callback.Release();`,
    to: `    pulsar_consumer_pause_message_listener(this->cConsumer.get());
    this->listener->queue.paused = true;  // ${MARKER}: the queued messages are not delivered any more
    this->listener->callback.Release();`,
  },
  { file: 'src/Reader.cc', from: '#include "ThreadSafeDeferred.h"', to: '#include "ThreadSafeDeferred.h"\n#include "LogUtils.h"' },
  {
    file: 'src/Reader.cc',
    from: `  Reader *reader = static_cast<Reader *>(readerListenerCallback->readerFuture.get());
`,
    to: `  Reader *reader = static_cast<Reader *>(readerListenerCallback->readerFuture.get());
${pushBranch(
  'readerListenerCallback',
  'reader',
  `                                     try {
                                       jsCallback.Call({Message::NewInstance({}, message), reader->Value()});
                                     } catch (std::exception &exception) {
                                       LOG_ERROR((std::string("Reader listener error: ") + exception.what()).c_str());
                                     }`,
)}`,
  },
  {
    file: 'src/Reader.cc',
    from: `void Reader::Cleanup() {
  if (this->listener != nullptr) {
`,
    to: `void Reader::Cleanup() {
  if (this->listener != nullptr) {
    this->listener->queue.paused = true;  // ${MARKER}: the queued messages are not delivered any more
`,
  },
];

export const listenerQueuePatch = addonPatch({
  name: 'listener queue',
  marker: MARKER,
  markerFile: 'src/Consumer.cc',
  edits: EDITS,
  copies: [{ from: HEADER, to: 'src/ListenerQueue.h' }],
});
