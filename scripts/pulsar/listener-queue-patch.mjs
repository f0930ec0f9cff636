// pulsar-client 1.18.0 (the Node addon) hands a consumer's messages to its JavaScript listener one at a time: the
// listener thread makes a BlockingCall per message and waits until the listener returned before it takes the next
// message of any consumer bound to that thread (the client's messageListenerThreads). On a busy event loop each thread
// then delivers one message per loop turn. This patch queues the messages instead and hands every message queued so
// far to the listener in one JavaScript call (addon/ListenerQueue.h), with back-pressure at 1,000 queued messages per
// consumer. PULSAR_NATIVE_LISTENER=per-message keeps the upstream path, for A/B measurements. Node builtins only.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { addonPatch } from './addon-patch.mjs';

const MARKER = 'alpes: listener queue';
const HEADER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'addon', 'ListenerQueue.h');

const EDITS = [
  {
    file: 'src/MessageListener.h',
    from: '#include <future>',
    to: '#include <future>\n#include <condition_variable>\n#include <cstdlib>\n#include <cstring>\n#include <deque>\n#include <memory>\n#include <mutex>\n#include <pulsar/c/message.h>',
  },
  {
    file: 'src/MessageListener.h',
    from: '  std::shared_future<void *> consumerFuture;\n',
    to: `  std::shared_future<void *> consumerFuture;

  // ${MARKER} (ListenerQueue.h): messages waiting for the JavaScript thread; false: upstream, one at a time
  bool queuedDelivery = !(std::getenv("PULSAR_NATIVE_LISTENER") != nullptr &&
                          std::strcmp(std::getenv("PULSAR_NATIVE_LISTENER"), "per-message") == 0);
  std::mutex queueMutex;
  std::condition_variable queueSpace;
  std::deque<std::shared_ptr<pulsar_message_t>> queued;
  bool drainScheduled = false;  // a DrainListenerQueue call is on its way
  bool paused = false;          // the consumer was closed (JavaScript thread only)
`,
  },
  {
    file: 'src/Consumer.cc',
    from: 'void MessageListener(pulsar_consumer_t *rawConsumer, pulsar_message_t *rawMessage, void *ctx) {',
    to: `#include "ListenerQueue.h"  // ${MARKER}

void MessageListener(pulsar_consumer_t *rawConsumer, pulsar_message_t *rawMessage, void *ctx) {`,
  },
  {
    file: 'src/Consumer.cc',
    from: `  Consumer *consumer = static_cast<Consumer *>(listenerCallback->consumerFuture.get());
`,
    to: `  Consumer *consumer = static_cast<Consumer *>(listenerCallback->consumerFuture.get());
  if (listenerCallback->queuedDelivery) return QueueForListener(listenerCallback, cMessage);  // ${MARKER}
`,
  },
  {
    file: 'src/Consumer.cc',
    from: `    pulsar_consumer_pause_message_listener(this->cConsumer.get());
    this->listener->callback.Release();`,
    to: `    pulsar_consumer_pause_message_listener(this->cConsumer.get());
    this->listener->paused = true;  // ${MARKER}: the queued messages are not delivered any more
    this->listener->callback.Release();`,
  },
];

export const listenerQueuePatch = addonPatch({
  name: 'listener queue',
  marker: MARKER,
  markerFile: 'src/Consumer.cc',
  edits: EDITS,
  copies: [{ from: HEADER, to: 'src/ListenerQueue.h' }],
});
