// Parses and validates an AsyncAPI document (with the files its $refs name), and fails on any error.
import { Parser, fromFile } from '@asyncapi/parser';

const file = process.argv[2];
const { document, diagnostics } = await fromFile(new Parser(), file).parse();
const errors = diagnostics.filter((d) => d.severity === 0);
for (const d of diagnostics) {
  const level = ['error', 'warning', 'info', 'hint'][d.severity] ?? d.severity;
  console.log(`${level}: ${d.message} at ${d.path.join('.')}`);
}
if (!document || errors.length) {
  console.error(`${file}: ${errors.length} error(s)`);
  process.exit(1);
}
const channels = document.channels().all().map((c) => c.address());
const messages = document.components().messages().all().length;
console.log(`${file}: valid AsyncAPI ${document.version()} — ${channels.length} channels, ${messages} messages, `
  + `${document.operations().all().length} operations`);
