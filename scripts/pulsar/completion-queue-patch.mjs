// pulsar-client 1.18.0 (the Node addon) settles every Producer.send and Consumer.acknowledge promise through a
// ThreadSafeDeferred of its own: a new JavaScript function and a new Napi::ThreadSafeFunction (a libuv async handle
// opened and closed on the JavaScript thread) per call. Measured in bench:pulsar, the native transport's node process
// spent more main-thread CPU per command (1.36–1.99 ms) than the WebSocket transport's (1.16–1.25 ms). This patch gives
// each producer and consumer ONE thread-safe function for its life (addon/CompletionQueue.h): a send or an
// acknowledgement only takes a ticket, libpulsar's thread queues it once completed, and one JavaScript call settles
// every ticket queued since the last. Once close() was called (and with PULSAR_NATIVE_COMPLETIONS=per-call, for A/B
// measurements) the upstream code runs unchanged. Node builtins only.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { addonPatch } from './addon-patch.mjs';

const MARKER = 'alpes: completion queue';
const HEADER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'addon', 'CompletionQueue.h');

/** The body of a send or acknowledge through the queue; the upstream code follows it, for when there is no ticket. */
function throughQueue({ ticketArgs, call, callArgs, callback, error, value }) {
  return `  // ${MARKER} (CompletionQueue.h): no thread-safe function of its own
  if (CompletionTicket *ticket = CompletionQueue::Begin(this->completions, ${ticketArgs})) {
    Napi::Promise promise = ticket->deferred.Promise();
    this->completions->calling = true;  // a completion inside the call settles at once
    ${call}(
        ${callArgs},
        [](${callback}void *ctx) {
          auto ticket = static_cast<CompletionTicket *>(ctx);
${value.before ?? ''}          if (result != pulsar_result_Ok) {
            return CompletionQueue::Reject(ticket, std::string("${error}") + pulsar_result_str(result));
          }
          CompletionQueue::Resolve(ticket, ${value.resolve});
        },
        ticket);
    this->completions->calling = false;
    return promise;
  }
`;
}

const ACKNOWLEDGE = {
  callback: 'pulsar_result result, ',
  ticketArgs: 'Env()',
  value: { resolve: '[](const Napi::Env env) { return env.Null(); }' },
};

const EDITS = [
  {
    file: 'src/Producer.h',
    from: '#include "ProducerConfig.h"',
    to: '#include "ProducerConfig.h"\n#include "CompletionQueue.h"',
  },
  {
    file: 'src/Producer.h',
    from: '  std::shared_ptr<ProducerConfig> producerConfig;\n',
    to: `  std::shared_ptr<ProducerConfig> producerConfig;
  // ${MARKER}: settles the send promises through one thread-safe function (nullptr: upstream path)
  std::shared_ptr<CompletionQueue> completions;
`,
  },
  {
    file: 'src/Producer.cc',
    from: 'Producer::Producer(const Napi::CallbackInfo &info) : Napi::ObjectWrap<Producer>(info) {}',
    to: `Producer::Producer(const Napi::CallbackInfo &info) : Napi::ObjectWrap<Producer>(info) {
  this->completions = CompletionQueue::Create(info.Env(), "alpes.ProducerCompletions");  // ${MARKER}
}`,
  },
  {
    file: 'src/Producer.cc',
    from: `  auto cMessage = Message::BuildMessage(info[0].As<Napi::Object>());
`,
    to: `  auto cMessage = Message::BuildMessage(info[0].As<Napi::Object>());
${throughQueue({
  ticketArgs: 'Env(), cMessage',
  call: 'pulsar_producer_send_async',
  callArgs: 'this->cProducer.get(), cMessage.get()',
  callback: 'pulsar_result result, pulsar_message_id_t *msgId, ',
  error: 'Failed to send message: ',
  value: {
    before: '          std::shared_ptr<pulsar_message_id_t> cMessageId(msgId, pulsar_message_id_free);\n',
    resolve: '[cMessageId](const Napi::Env env) { return MessageId::NewInstance(cMessageId); }',
  },
})}`,
  },
  {
    file: 'src/Producer.cc',
    from: `Napi::Value Producer::Close(const Napi::CallbackInfo &info) {
`,
    to: `Napi::Value Producer::Close(const Napi::CallbackInfo &info) {
  if (this->completions) this->completions->Close();  // ${MARKER}: sends in flight still complete through it
`,
  },
  {
    file: 'src/Producer.cc',
    from: 'Producer::~Producer() {}',
    to: `Producer::~Producer() {
  if (this->completions) this->completions->Close();  // ${MARKER}
}`,
  },
  {
    file: 'src/Consumer.h',
    from: '#include "MessageListener.h"',
    to: '#include "MessageListener.h"\n#include "CompletionQueue.h"',
  },
  {
    file: 'src/Consumer.h',
    from: '  MessageListenerCallback *listener;\n',
    to: `  MessageListenerCallback *listener;
  // ${MARKER}: settles the acknowledge promises through one thread-safe function (nullptr: upstream path)
  std::shared_ptr<CompletionQueue> completions;
`,
  },
  {
    file: 'src/Consumer.cc',
    from: 'Consumer::Consumer(const Napi::CallbackInfo &info) : Napi::ObjectWrap<Consumer>(info), listener(nullptr) {}',
    to: `Consumer::Consumer(const Napi::CallbackInfo &info) : Napi::ObjectWrap<Consumer>(info), listener(nullptr) {
  this->completions = CompletionQueue::Create(info.Env(), "alpes.ConsumerCompletions");  // ${MARKER}
}`,
  },
  {
    file: 'src/Consumer.cc',
    from: `  auto msg = Message::Unwrap(obj);
`,
    to: `  auto msg = Message::Unwrap(obj);
${throughQueue({ ...ACKNOWLEDGE, call: 'pulsar_consumer_acknowledge_async', callArgs: 'this->cConsumer.get(), msg->GetCMessage().get()', error: 'Failed to acknowledge: ' })}`,
  },
  {
    file: 'src/Consumer.cc',
    from: `  auto *msgId = MessageId::Unwrap(obj);
  auto deferred = ThreadSafeDeferred::New(Env());
  auto ctx = new ExtDeferredContext(deferred);

  pulsar_consumer_acknowledge_async_id(`,
    to: `  auto *msgId = MessageId::Unwrap(obj);
${throughQueue({ ...ACKNOWLEDGE, call: 'pulsar_consumer_acknowledge_async_id', callArgs: 'this->cConsumer.get(), msgId->GetCMessageId().get()', error: 'Failed to acknowledge id: ' })}  auto deferred = ThreadSafeDeferred::New(Env());
  auto ctx = new ExtDeferredContext(deferred);

  pulsar_consumer_acknowledge_async_id(`,
  },
  {
    file: 'src/Consumer.cc',
    from: `void Consumer::Cleanup() {
`,
    to: `void Consumer::Cleanup() {
  if (this->completions) this->completions->Close();  // ${MARKER}: on close() and when collected
`,
  },
];

export const completionQueuePatch = addonPatch({
  name: 'completion queue',
  marker: MARKER,
  markerFile: 'src/Producer.cc',
  edits: EDITS,
  copies: [{ from: HEADER, to: 'src/CompletionQueue.h' }],
});
