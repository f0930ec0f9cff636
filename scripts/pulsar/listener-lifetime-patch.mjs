// pulsar-client 1.18.0 (the Node addon) releases a consumer's or reader's listener thread-safe function in close(),
// BEFORE libpulsar has closed it; once released, the function is finalized on the next event-loop turn and its
// finalizer deletes the listener's callback struct, which libpulsar still holds as the listener's ctx. A message that
// libpulsar hands to the listener in between (a reader's receiver queue still draining, a consumer reconnecting after a
// broker restart) then reads freed memory. Found by reading the code while chasing a rare "Worker exited unexpectedly"
// of the native test suite after the broker-restart test; not reproduced on demand. This patch keeps the thread-safe
// function, and with it the struct, until libpulsar's close callback: the messages that still come are queued and
// dropped (the listener queue is paused at once, as before). Applied after the listener queue patch. Node builtins only.
import { addonPatch } from './addon-patch.mjs';

const MARKER = 'alpes: listener lifetime';

/** The close callback's context: close()'s deferred and the listener function to release once libpulsar closed. */
const CONTEXT = `// ${MARKER}: what a close callback releases once libpulsar has closed (nothing is handed to the listener after it)
struct AlpesClosingContext {
  ExtDeferredContext *deferredContext;
  Napi::ThreadSafeFunction *listenerCallback;  // nullptr: no listener
};
`;

/** close() of `owner` ('consumer' or 'reader'): detach the listener now, release its function in the callback. */
function closeWith(owner, detach) {
  return `  auto deferred = ThreadSafeDeferred::New(Env());
  // ${MARKER}: the listener's function is released in the callback below, not here
  Napi::ThreadSafeFunction *listenerCallback = nullptr;
${detach}
  auto ctx = new AlpesClosingContext{new ExtDeferredContext(deferred), listenerCallback};

  pulsar_${owner}_close_async(
      this->c${owner === 'consumer' ? 'Consumer' : 'Reader'}.get(),
      [](pulsar_result result, void *ctx) {
        auto closing = static_cast<AlpesClosingContext *>(ctx);
        auto deferred = closing->deferredContext->deferred;
        delete closing->deferredContext;
        if (closing->listenerCallback != nullptr) closing->listenerCallback->Release();
        delete closing;
`;
}

const upstreamClose = (owner) => `  auto deferred = ThreadSafeDeferred::New(Env());
  auto ctx = new ExtDeferredContext(deferred);
  this->Cleanup();

  pulsar_${owner}_close_async(
      this->c${owner === 'consumer' ? 'Consumer' : 'Reader'}.get(),
      [](pulsar_result result, void *ctx) {
        auto deferredContext = static_cast<ExtDeferredContext *>(ctx);
        auto deferred = deferredContext->deferred;
        delete deferredContext;
`;

const EDITS = [
  { file: 'src/Consumer.cc', from: 'Napi::Value Consumer::Close(const Napi::CallbackInfo &info) {', to: `${CONTEXT}\nNapi::Value Consumer::Close(const Napi::CallbackInfo &info) {` },
  {
    file: 'src/Consumer.cc',
    from: upstreamClose('consumer'),
    to: closeWith(
      'consumer',
      `  if (this->completions) this->completions->Close();
  if (this->listener != nullptr) {
    pulsar_consumer_pause_message_listener(this->cConsumer.get());
    this->listener->queue.paused = true;
    listenerCallback = &this->listener->callback;
    this->listener = nullptr;
    this->Unref();
  }`,
    ),
  },
  { file: 'src/Reader.cc', from: 'Napi::Value Reader::Close(const Napi::CallbackInfo &info) {', to: `${CONTEXT}\nNapi::Value Reader::Close(const Napi::CallbackInfo &info) {` },
  {
    file: 'src/Reader.cc',
    from: upstreamClose('reader'),
    to: closeWith(
      'reader',
      `  if (this->listener != nullptr) {
    this->listener->queue.paused = true;
    listenerCallback = &this->listener->callback;
    this->Unref();
    this->listener = nullptr;
  }`,
    ),
  },
];

export const listenerLifetimePatch = addonPatch({ name: 'listener lifetime', marker: MARKER, markerFile: 'src/Reader.cc', edits: EDITS });
