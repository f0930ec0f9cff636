// pulsar-client 1.18.0 (the Node addon) drops the first messages of a reader with a listener when they arrive before
// the JavaScript side has received the reader: src/Reader.cc's listener reads the Reader pointer, set only once
// createReader's promise resolves on the JavaScript thread, and hands a message with a null pointer to nobody. On a
// busy event loop (a gateway under load) a replay then misses the first events after its start, which is
// the contiguous run resume-under-load saw on native. The Consumer had the same bug, fixed upstream
// (apache/pulsar-client-node#406) by waiting for the consumer in the listener thread; this applies the same fix to
// the Reader before the addon is built. Node builtins only.
import { addonPatch } from './addon-patch.mjs';

const MARKER = 'alpes: wait for the reader';

const EDITS = [
  {
    file: 'src/ReaderListener.h',
    from: `  void *reader;

  ReaderListenerCallback() : reader(nullptr) {}`,
    to: `  void *reader;
  // ${MARKER}: the listener thread waits for it (set once createReader resolved), as Consumer.cc does
  std::promise<void *> readerPromise;
  std::shared_future<void *> readerFuture;

  ReaderListenerCallback() : reader(nullptr), readerFuture(readerPromise.get_future().share()) {}`,
  },
  {
    file: 'src/ReaderListener.h',
    from: '#include <napi.h>',
    to: '#include <napi.h>\n#include <future>',
  },
  {
    file: 'src/Reader.cc',
    from: '  Reader *reader = (Reader *)readerListenerCallback->reader;',
    to: `  // ${MARKER}: a message may come before the JavaScript side got the reader; it was dropped then
  Reader *reader = static_cast<Reader *>(readerListenerCallback->readerFuture.get());`,
  },
  {
    file: 'src/Reader.cc',
    from: `    listener->reader = this;`,
    to: `    listener->reader = this;
    listener->readerPromise.set_value(this);`,
  },
];

export const readerListenerFix = addonPatch({ name: 'reader listener fix', marker: MARKER, markerFile: 'src/Reader.cc', edits: EDITS });
