// pulsar-client 1.18.0 (the Node addon) drops the first messages of a reader with a listener when they arrive before
// the JavaScript side has received the reader: src/Reader.cc's listener reads the Reader pointer, set only once
// createReader's promise resolves on the JavaScript thread, and hands a message with a null pointer to nobody. On a
// busy event loop (a gateway under load) a replay then misses the first events after its start, which is
// the contiguous run resume-under-load saw on native. The Consumer had the same bug, fixed upstream
// (apache/pulsar-client-node#406) by waiting for the consumer in the listener thread; this applies the same fix to
// the Reader before the addon is built. Node builtins only.
import fs from 'node:fs';
import path from 'node:path';

const MARKER = 'alpes: wait for the reader';
/** Written next to the addon once it was built from patched sources. */
export const BUILT_STAMP = '.alpes-reader-listener-fix';

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

/** True when the addon sources carry the fix. */
export function readerListenerFixed(addonDir) {
  const file = path.join(addonDir, 'src', 'Reader.cc');
  return fs.existsSync(file) && fs.readFileSync(file, 'utf8').includes(MARKER);
}

/** True when the built addon came from the fixed sources. */
export function readerListenerFixBuilt(addonDir) {
  return readerListenerFixed(addonDir) && fs.existsSync(path.join(addonDir, 'build', 'Release', BUILT_STAMP));
}

/** Applies the fix to the sources (idempotent); throws when a source no longer looks as expected. */
export function fixReaderListener(addonDir) {
  if (readerListenerFixed(addonDir)) return false;
  for (const { file, from, to } of EDITS) {
    const full = path.join(addonDir, file);
    const text = fs.readFileSync(full, 'utf8');
    if (!text.includes(from)) throw new Error(`reader listener fix: ${file} does not contain the expected code (another pulsar-client version?)`);
    fs.writeFileSync(full, text.replace(from, to));
  }
  return true;
}

export function stampReaderListenerFixBuilt(addonDir) {
  const release = path.join(addonDir, 'build', 'Release');
  if (fs.existsSync(release)) fs.writeFileSync(path.join(release, BUILT_STAMP), 'built from sources with the reader listener fix\n');
}
