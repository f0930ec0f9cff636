// BATCHABLE_TOPICS must leave out every command topic and every topic a key-shared subscription reads: a Pulsar
// producer batch of mixed keys is routed by its first key, which breaks key-shared routing. The key-shared topics are
// not copied here: they are read from the services' source, where the subscriptions are made.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { BATCHABLE_TOPICS, COMMAND_TOPICS, MESSAGE_CATALOG, TOPICS } from '../src/index.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SOURCE_DIRS = ['packages', 'stack', 'subgraphs']
  .flatMap((parent) => readdirSync(join(ROOT, parent)).map((name) => join(ROOT, parent, name, 'src')))
  .concat(join(ROOT, 'gateway', 'src'));

function sourceFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' || entry.name === 'node_modules' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

interface ConsumeSite {
  where: string;
  /** The called function: `consume` (the Bus port) or a function that subscribes on the caller's behalf. */
  callee: string;
  topic: ts.Expression | undefined;
  mode: string | undefined;
  /** `mode: options.<name> ?? 'key-shared'`: key-shared unless its caller passes <name> (that option's name). */
  modeOption: string | undefined;
  argument: ts.ObjectLiteralExpression;
  /** The function the call sits in. */
  within: string | undefined;
}

const propertyOf = (object: ts.ObjectLiteralExpression, name: string) =>
  object.properties.find((property): property is ts.PropertyAssignment => ts.isPropertyAssignment(property) && property.name.getText() === name)?.initializer;

function enclosingFunction(node: ts.Node): string | undefined {
  for (let current = node.parent; current; current = current.parent) if (ts.isFunctionDeclaration(current) && current.name) return current.name.text;
  return undefined;
}

/** Every call with an object-literal argument that names a topic: bus.consume({...}) and the calls of wrappers around it. */
function callsWithTopic(): ConsumeSite[] {
  const sites: ConsumeSite[] = [];
  for (const file of SOURCE_DIRS.flatMap(sourceFiles)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) {
        const callee = ts.isPropertyAccessExpression(node.expression) ? node.expression.name.text : node.expression.getText(source);
        const [argument] = node.arguments;
        if (argument && ts.isObjectLiteralExpression(argument) && propertyOf(argument, 'topic')) {
          const mode = propertyOf(argument, 'mode');
          const defaulted = mode && ts.isBinaryExpression(mode) && mode.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken ? mode : undefined;
          const literal = defaulted ? defaulted.right : mode;
          const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
          sites.push({
            where: `${relative(ROOT, file)}:${line + 1}`,
            callee,
            topic: propertyOf(argument, 'topic'),
            mode: literal && ts.isStringLiteral(literal) ? literal.text : undefined,
            modeOption: defaulted && ts.isPropertyAccessExpression(defaulted.left) ? defaulted.left.name.text : undefined,
            argument,
            within: enclosingFunction(node),
          });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return sites;
}

/** `TOPICS.x` → its topic name; anything else is not a topic this test can name. */
function topicNamed(expression: ts.Expression | undefined): string | undefined {
  if (!expression || !ts.isPropertyAccessExpression(expression) || expression.expression.getText() !== 'TOPICS') return undefined;
  return (TOPICS as Record<string, string>)[expression.name.text];
}

/** Topics some key-shared subscription reads, from the source: direct consume calls, and calls of functions that consume key-shared. */
function keySharedTopics(): { topics: Set<string>; sites: string[] } {
  const calls = callsWithTopic();
  const consumes = calls.filter((call) => call.callee === 'consume' && call.mode === 'key-shared');
  const topics = new Set<string>();
  const sites: string[] = [];
  /** Function name → the option its caller may set to another mode (undefined: always key-shared). */
  const wrappers = new Map<string, string | undefined>();
  for (const consume of consumes) {
    const topic = topicNamed(consume.topic);
    if (topic) {
      topics.add(topic);
      sites.push(consume.where);
    } else if (consume.within) {
      wrappers.set(consume.within, consume.modeOption); // it subscribes to a topic its caller names
    } else {
      throw new Error(`${consume.where}: a key-shared consume whose topic this test cannot name`);
    }
  }
  const asksAnotherMode = (call: ConsumeSite) => {
    const option = wrappers.get(call.callee);
    const mode = option ? propertyOf(call.argument, option) : undefined;
    if (mode && !ts.isStringLiteral(mode)) throw new Error(`${call.where}: ${option} must be a string literal for this test to read it`);
    return mode !== undefined && mode.text !== 'key-shared';
  };
  for (const call of calls.filter((site) => wrappers.has(site.callee) && !asksAnotherMode(site))) {
    const topic = topicNamed(call.topic);
    if (!topic) throw new Error(`${call.where}: ${call.callee} on a topic this test cannot name (use TOPICS.<name>)`);
    topics.add(topic);
    sites.push(call.where);
  }
  return { topics, sites };
}

describe('BATCHABLE_TOPICS', () => {
  const keyShared = keySharedTopics();

  it('finds the key-shared subscriptions in the source: every worker (startMessageProcessor) of the three services', () => {
    expect(keyShared.sites.filter((site) => site.startsWith('subgraphs/')).length).toBeGreaterThanOrEqual(6);
    for (const topic of [...COMMAND_TOPICS, TOPICS.afiliadosEventos, TOPICS.conversionesEventos]) expect(keyShared.topics).toContain(topic);
  });

  it('leaves out every command topic and every topic a key-shared subscription reads', () => {
    for (const topic of BATCHABLE_TOPICS) {
      expect(COMMAND_TOPICS as readonly string[], `${topic} is a command topic`).not.toContain(topic);
      expect([...keyShared.topics], `${topic} is read by a key-shared subscription (${keyShared.sites.join(', ')})`).not.toContain(topic);
    }
  });

  it('batches every other topic of the catalog (the event topics only gateways and clients read)', () => {
    const catalogTopics = new Set(Object.values(MESSAGE_CATALOG).map((entry) => entry.topic as string));
    const others = [...catalogTopics].filter((topic) => !(COMMAND_TOPICS as readonly string[]).includes(topic) && !keyShared.topics.has(topic));
    expect([...BATCHABLE_TOPICS].sort()).toEqual(others.sort());
  });
});
