/**
 * How the Worker's logs describe a failure: what kind it is, for DynamoDB
 * which call and what status, and the start of its message. Logs are read
 * by whoever runs the neighborhood and kept by Cloudflare, so nothing that
 * grants access may reach them: the routes never log a cookie, a CSRF
 * token, a form's text or a request's query (where OAuth codes travel),
 * and a message is cut short and has anything shaped like a token (a JWT,
 * a DPoP proof, a long run of key-like characters) taken out, in case a
 * library's error quotes one.
 */
import { DynamoError, DynamoUncertainWrite } from './db/dynamo';

/** Longest message kept: enough to name the fault. */
const MESSAGE_LIMIT = 300;

const JWT = /\beyJ[\w-]*\.[\w-]*\.?[\w-]*/g;
/** 32 or more characters of base64 or hex in a row: keys, tokens, signatures. */
const OPAQUE = /[A-Za-z0-9+/_=-]{32,}/g;

/** `text` cut short, with token-shaped parts replaced by `[redacted]`. */
export function redact(text: string): string {
  return text.replace(JWT, '[redacted]').replace(OPAQUE, '[redacted]').slice(0, MESSAGE_LIMIT);
}

/** One line about `error` for the log. */
export function failureSummary(error: unknown): string {
  if (error instanceof DynamoUncertainWrite) {
    return `DynamoUncertainWrite ${error.operation}: ${failureSummary(error.cause)}`;
  }
  if (error instanceof DynamoError) {
    const call = error.operation ? ` ${error.operation}` : '';
    return `${error.name}${call} ${error.type} status ${error.status}: ${redact(error.detail)}`;
  }
  if (error instanceof Error) return `${error.name}: ${redact(error.message)}`;
  return typeof error;
}

/** Where an unexpected error was thrown: the first frames of its stack, without its message. */
export function whereThrown(error: unknown): string {
  if (!(error instanceof Error) || !error.stack) return '';
  const frames = error.stack.split('\n').filter((line) => /^\s+at /.test(line));
  return frames
    .slice(0, 5)
    .map((line) => line.trim())
    .join(' | ');
}
