import type { ContractModel, MessageContract } from './contract-model.js';
import { compareNames } from './names.js';
import { diffPayload, type FieldChangeKind } from './payload-diff.js';

export type ContractChangeKind =
  | FieldChangeKind
  | 'TOPIC_REMOVED'
  | 'TOPIC_ADDED'
  | 'MESSAGE_TYPE_REMOVED'
  | 'MESSAGE_TYPE_ADDED'
  | 'MESSAGE_VERSION_REMOVED'
  | 'MESSAGE_VERSION_ADDED'
  | 'ORDERING_KEY_CHANGED';

export interface ContractChange {
  kind: ContractChangeKind;
  /** `marketing.eventos / CampanaCreada.campana.nombre`; `* / Envelope.field` for the envelope every topic carries. */
  coordinate: string;
  description: string;
}

export interface ContractsDiff {
  breaking: ContractChange[];
  /** Changes every consumer copes with: new topics, message types, versions, optional fields. */
  safe: ContractChange[];
}

const ENVELOPE_TOPIC = '*';

/** Compares the base's document with the new one: topics, message types and versions, ordering keys, envelope and payload fields. */
export function diffContracts(base: ContractModel, next: ContractModel): ContractsDiff {
  const changes: (ContractChange & { breaking: boolean })[] = [];
  const add = (breaking: boolean, kind: ContractChangeKind, coordinate: string, description: string): void =>
    void changes.push({ breaking, kind, coordinate, description });
  const components = { base: base.schemas, next: next.schemas };

  for (const change of diffPayload(base.envelope, next.envelope, components)) {
    add(change.breaking, change.kind, `${ENVELOPE_TOPIC} / Envelope${change.path ? `.${change.path}` : ''}`, change.description);
  }
  for (const topic of sortedUnion(base.topics.keys(), next.topics.keys())) {
    const before = base.topics.get(topic);
    const after = next.topics.get(topic);
    if (!before || !after) {
      if (after) add(false, 'TOPIC_ADDED', topic, after.size > 0 ? `topic added with ${[...after.keys()].join(', ')}` : 'topic added');
      if (before) add(true, 'TOPIC_REMOVED', topic, before.size > 0 ? `topic removed with ${[...before.keys()].join(', ')}` : 'topic removed');
      continue;
    }
    for (const label of sortedUnion(before.keys(), after.keys())) {
      const old = before.get(label);
      const now = after.get(label);
      const coordinate = `${topic} / ${(old ?? now)!.label}`;
      if (!old) {
        const alongside = versionsOf(before, now!.type);
        if (alongside.length > 0) add(false, 'MESSAGE_VERSION_ADDED', coordinate, `version ${now!.version} added beside version ${alongside.join(', ')}`);
        else add(false, 'MESSAGE_TYPE_ADDED', coordinate, 'message type added');
        continue;
      }
      if (!now) {
        const remaining = versionsOf(after, old.type);
        if (remaining.length > 0) {
          add(
            true,
            'MESSAGE_VERSION_REMOVED',
            coordinate,
            `version ${old.version} removed: consumers must keep accepting it while messages of that version may be on the topic`,
          );
        } else add(true, 'MESSAGE_TYPE_REMOVED', coordinate, 'message type removed');
        continue;
      }
      compareMessage(old, now, coordinate, components, add);
    }
  }
  return { breaking: changes.filter((change) => change.breaking).map(withoutFlag), safe: changes.filter((change) => !change.breaking).map(withoutFlag) };
}

function compareMessage(
  old: MessageContract,
  now: MessageContract,
  coordinate: string,
  components: Parameters<typeof diffPayload>[2],
  add: (breaking: boolean, kind: ContractChangeKind, coordinate: string, description: string) => void,
): void {
  if (old.keyLocation !== now.keyLocation) {
    add(
      true,
      'ORDERING_KEY_CHANGED',
      `${coordinate} (key)`,
      `ordering key changed from ${old.keyLocation} to ${now.keyLocation}: messages of one aggregate would lose their order`,
    );
  }
  for (const change of diffPayload(old.payload, now.payload, components)) {
    const description = change.breaking ? `${change.description}; a breaking change needs a new version of ${old.type}` : change.description;
    add(change.breaking, change.kind, change.path ? `${coordinate}.${change.path}` : coordinate, description);
  }
}

function versionsOf(messages: Map<string, MessageContract>, type: string): number[] {
  return [...messages.values()]
    .filter((message) => message.type === type)
    .map((message) => message.version)
    .sort((a, b) => a - b);
}

function sortedUnion(a: Iterable<string>, b: Iterable<string>): string[] {
  return [...new Set([...a, ...b])].sort(compareNames);
}

function withoutFlag({ kind, coordinate, description }: ContractChange & { breaking: boolean }): ContractChange {
  return { kind, coordinate, description };
}
