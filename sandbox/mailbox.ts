// The sandbox's mailbox: every email the shop sends to SMTP_URL ends up here (smtp.ts feeds it),
// parsed and kept in memory, so the demo can show it and tests can assert on it. It delivers
// nothing onwards. Refusals let a test see how the app copes with a mail server that says "later".
import { simpleParser, type AddressObject } from "mailparser";

/** Oldest messages are dropped beyond this, so a long demo does not grow without bound. */
export const MAILBOX_CAP = 500;
/** Advertised as SIZE and enforced: a bigger message is refused with 552. */
export const MAX_MESSAGE_BYTES = 5 * 1024 * 1024;

/** 451: "try again later" at DATA. 421: the same, and the server hangs up. Both are temporary. */
export const refusalCodes = [451, 421] as const;
export type RefusalCode = (typeof refusalCodes)[number];

export interface MailEnvelope {
  /** MAIL FROM; null for the null sender `<>`. */
  from: string | null;
  /** Every RCPT TO, in order. */
  to: string[];
}

/** One received email, as the control API returns it (JSON-ready). */
export interface MailMessage {
  id: number;
  receivedAt: string;
  envelope: MailEnvelope;
  /** The username given to AUTH, or null when the client did not authenticate. */
  authUser: string | null;
  /** Headers as written (address headers formatted as text), null when absent. */
  messageId: string | null;
  from: string | null;
  to: string | null;
  cc: string | null;
  replyTo: string | null;
  subject: string | null;
  date: string | null;
  text: string | null;
  html: string | null;
  attachments: Array<{ filename: string | null; contentType: string; size: number }>;
  /** Bytes of the raw message as received. */
  size: number;
}

export interface Refusals {
  /** How many of the next messages will still be refused. */
  left: number;
  code: RefusalCode;
}

export interface Refusal {
  code: RefusalCode;
  message: string;
}

const addressText = (value: AddressObject | AddressObject[] | undefined): string | null => {
  if (value === undefined) return null;
  const text = (Array.isArray(value) ? value : [value]).map((a) => a.text).join(", ");
  return text === "" ? null : text;
};

const addresses = (value: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(value) ? value : value ? [value] : [])
    .flatMap((a) => a.value.map((v) => v.address ?? ""))
    .filter(Boolean);

export class Mailbox {
  private messages: MailMessage[] = [];
  private nextId = 1;
  private refusals: Refusals = { left: 0, code: 451 };
  private readonly waiters = new Set<(message: MailMessage) => void>();

  constructor(
    private readonly now: () => Date = () => new Date(),
    readonly cap = MAILBOX_CAP,
  ) {}

  /**
   * Parses and keeps one raw RFC 5322 message. The SMTP listener calls this; an app-level test
   * without a listener (createSandbox) can call it too. Without an envelope, the From and
   * To/Cc headers stand in for it.
   */
  async deliver(
    raw: Buffer | string,
    envelope?: MailEnvelope,
    authUser: string | null = null,
  ): Promise<MailMessage> {
    const bytes = typeof raw === "string" ? Buffer.from(raw, "utf8") : raw;
    const mail = await simpleParser(bytes, { skipTextToHtml: true });
    const message: MailMessage = {
      id: this.nextId++,
      receivedAt: this.now().toISOString(),
      envelope: envelope ?? {
        from: addresses(mail.from)[0] ?? null,
        to: [...addresses(mail.to), ...addresses(mail.cc)],
      },
      authUser,
      messageId: mail.messageId ?? null,
      from: addressText(mail.from),
      to: addressText(mail.to),
      cc: addressText(mail.cc),
      replyTo: addressText(mail.replyTo),
      subject: typeof mail.subject === "string" ? mail.subject : null,
      date: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date.toISOString() : null,
      text: mail.text ?? null,
      html: typeof mail.html === "string" ? mail.html : null,
      attachments: mail.attachments.map((a) => ({
        filename: a.filename ?? null,
        contentType: a.contentType,
        size: a.size,
      })),
      size: bytes.length,
    };
    this.messages.push(message);
    if (this.messages.length > this.cap) this.messages.splice(0, this.messages.length - this.cap);
    for (const notify of [...this.waiters]) notify(message);
    return message;
  }

  /** Newest first. */
  list(): MailMessage[] {
    return [...this.messages].reverse();
  }

  get(id: number): MailMessage | undefined {
    return this.messages.find((m) => m.id === id);
  }

  get count(): number {
    return this.messages.length;
  }

  /** Forgets the messages; ids keep counting, so an old link never shows a different email. */
  clear(): void {
    this.messages = [];
  }

  /** clear() plus no refusals pending: what the sandbox's reset does. */
  reset(): void {
    this.clear();
    this.refusals = { left: 0, code: 451 };
  }

  /** The next `count` messages are refused at DATA with `code`; 0 accepts again at once. */
  refuseNext(count: number, code: RefusalCode = 451): Refusals {
    this.refusals = { left: count, code };
    return this.pendingRefusals;
  }

  get pendingRefusals(): Refusals {
    return { ...this.refusals };
  }

  /** Called by the SMTP listener once per message: the refusal to answer with, if one is due. */
  takeRefusal(): Refusal | null {
    if (this.refusals.left <= 0) return null;
    this.refusals.left -= 1;
    return {
      code: this.refusals.code,
      message: `sandbox: refusing on purpose (${this.refusals.left} left)`,
    };
  }

  /** The first message (already here or still to come) that matches; rejects after `timeoutMs`. */
  waitFor(
    predicate: (message: MailMessage) => boolean = () => true,
    timeoutMs = 5_000,
  ): Promise<MailMessage> {
    const found = this.messages.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter = (message: MailMessage) => {
        if (!predicate(message)) return;
        clearTimeout(timer);
        this.waiters.delete(waiter);
        resolve(message);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(
          new Error(
            `no matching email arrived in the sandbox mailbox within ${timeoutMs} ms (${this.messages.length} kept)`,
          ),
        );
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }
}
