// Types of the npm package `kefu`. The shapes (requests, decisions, lean forms, the policy) are
// generated from the JSON Schemas in schemas/ into kefu-types.d.ts by core/tools/gen_types.py
// and re-exported here; this file adds only the calls. Checked by `npm run typecheck` (tsc on
// tests/typed.ts), which the test command runs and then executes.

import type {
  ActionRequest, ActionDecision, BatchItem, CalendarYears, Complaint, ComplaintDecision, DateString,
  Decision, Decisions, DispatchDecision, DispatchRequest, ErrorCode, FlagDecision, Instant, Kind,
  LeanActionDecision, LeanComplaintDecision, LeanDecision, LeanDecisions, LeanDispatchDecision,
  LeanFlagDecision, LeanOption, LeanReturnDecision, LeanSlaDecision, LeanTimelineDecision, Options,
  OrderFacts, Policy, PolicyDiff, Problem, RefundCase, Requests, ReturnDecision, ReturnRequest, SlaDecision,
  SlaRequest, TimelineDecision, WholeOption,
  CheckReturnCategory, ClassifyComplaintCategory, EventType, Flag, HolidayPolicy, Phrase, Standard, Unit,
} from './kefu-types';

export * from './kefu-types';

// Names this file used before the types were generated, kept as aliases.
/** A return request's item category. */
export type Category = CheckReturnCategory;
/** A lexicon phrase's category. */
export type ComplaintCategory = ClassifyComplaintCategory;
/** A flag's name. */
export type FlagName = Flag;
/** A phrase of the complaint lexicon (`complaints.add_phrases`). */
export type LexiconPhrase = Phrase;
/** A service standard's unit. */
export type SlaUnit = Unit;
/** A service standard (`sla.standards`). */
export type SlaStandard = Standard;
/** A refund event's type. */
export type RefundEventType = EventType;
/** A holiday period of a year: its name and its first and last days off. */
export type CalendarHoliday = HolidayPolicy;

/** A compiled policy; cheap to call many times. */
export declare class Engine {
  /** Compile `policy` (object, JSON text, or nothing for the defaults). Throws INVALID_POLICY. */
  constructor(policy?: Policy | string | null);
  checkReturn(request: ReturnRequest | string, options: LeanOption): LeanReturnDecision;
  checkReturn(request: ReturnRequest | string, options?: WholeOption | null): ReturnDecision;
  checkReturn(request: ReturnRequest | string, options: Options): ReturnDecision | LeanReturnDecision;
  orderFlag(order: OrderFacts | string, options: LeanOption): LeanFlagDecision;
  orderFlag(order: OrderFacts | string, options?: WholeOption | null): FlagDecision;
  orderFlag(order: OrderFacts | string, options: Options): FlagDecision | LeanFlagDecision;
  orderAction(request: ActionRequest | string, options: LeanOption): LeanActionDecision;
  orderAction(request: ActionRequest | string, options?: WholeOption | null): ActionDecision;
  orderAction(request: ActionRequest | string, options: Options): ActionDecision | LeanActionDecision;
  refundTimeline(refundCase: RefundCase | string, options: LeanOption): LeanTimelineDecision;
  refundTimeline(refundCase: RefundCase | string, options?: WholeOption | null): TimelineDecision;
  refundTimeline(refundCase: RefundCase | string, options: Options): TimelineDecision | LeanTimelineDecision;
  classifyComplaint(complaint: Complaint | string, options: LeanOption): LeanComplaintDecision;
  classifyComplaint(complaint: Complaint | string, options?: WholeOption | null): ComplaintDecision;
  classifyComplaint(complaint: Complaint | string, options: Options): ComplaintDecision | LeanComplaintDecision;
  sla(request: SlaRequest | string, options: LeanOption): LeanSlaDecision;
  sla(request: SlaRequest | string, options?: WholeOption | null): SlaDecision;
  sla(request: SlaRequest | string, options: Options): SlaDecision | LeanSlaDecision;
  dispatchEstimate(order: DispatchRequest | string, options: LeanOption): LeanDispatchDecision;
  dispatchEstimate(order: DispatchRequest | string, options?: WholeOption | null): DispatchDecision;
  dispatchEstimate(order: DispatchRequest | string, options: Options): DispatchDecision | LeanDispatchDecision;
  /** Any decision by kind name: typed by the kind (`Requests`, `Decisions`, `LeanDecisions`). */
  evaluate<K extends Kind>(kind: K, request: Requests[K] | string, options: LeanOption): LeanDecisions[K];
  evaluate<K extends Kind>(kind: K, request: Requests[K] | string, options?: WholeOption | null): Decisions[K];
  evaluate<K extends Kind>(kind: K, request: Requests[K] | string, options: Options): Decisions[K] | LeanDecisions[K];
  /** A kind named at run time (an unknown one throws UNKNOWN_KIND): some kind's decision. */
  evaluate(kind: string, request: object | string, options?: Options | null): Decision | LeanDecision;
  /** One result per request, in order; decided on every core, on the calling thread. */
  evaluateBatch<K extends Kind>(kind: K, requests: object[], options: LeanOption): BatchItem<LeanDecisions[K]>[];
  evaluateBatch<K extends Kind>(kind: K, requests: object[], options?: WholeOption | null): BatchItem<Decisions[K]>[];
  evaluateBatch<K extends Kind>(kind: K, requests: object[], options: Options): BatchItem<Decisions[K] | LeanDecisions[K]>[];
  /** The same batch decided off the main thread; rejects with a KefuError (unknown kind, not a list). */
  evaluateBatchAsync<K extends Kind>(kind: K, requests: object[], options: LeanOption): Promise<BatchItem<LeanDecisions[K]>[]>;
  evaluateBatchAsync<K extends Kind>(kind: K, requests: object[], options?: WholeOption | null): Promise<BatchItem<Decisions[K]>[]>;
  evaluateBatchAsync<K extends Kind>(kind: K, requests: object[], options: Options): Promise<BatchItem<Decisions[K] | LeanDecisions[K]>[]>;
  /** What `proposed`'s policy would change over `requests`: the changed rows and a summary. */
  diffPolicy(kind: Kind | string, requests: object[], proposed: Engine): PolicyDiff;
  isWorkday(date: DateString): boolean;
  addWorkingTime(start: Instant, minutes: number): Instant;
  workingMinutesBetween(a: Instant, b: Instant): number;
  policy(): Required<Policy>;
  policyHash(): string;
  /** A number naming this engine to the other worker threads of this process. */
  share(): number;
  /** The engine another worker thread shared with `share()`; INVALID_INPUT (path `/shared`) when it is gone. */
  static fromShared(shared: number): Engine;
}

export declare function defaultEngine(): Engine;
export declare function validatePolicy(doc: Policy | object | string): Problem[];
/**
 * A State Council holiday notice (国务院办公厅关于…部分节假日安排的通知), pasted as text, read into
 * a `calendar.years` entry. Weekdays in brackets and 共N天 are checked against the dates; text
 * it cannot read (or anything but a string) throws a KefuError, INVALID_INPUT at `/text`,
 * naming the sentence.
 */
export declare function calendarFromNotice(text: string): CalendarYears;
/** The platforms kefu reads and writes (docs/platforms.md). */
export type PlatformName = 'taobao' | 'jd' | 'pinduoduo';
/**
 * A platform's payload read into the request of `kind` (docs/platforms.md): a Taobao trade or
 * refund, a JD order or its remark, a Pinduoduo order; the whole API response or its inner
 * object, a list of payloads of one order, or the response's JSON text. `facts` (what no
 * platform knows: the category, the signing time, `now`…) are merged over what the payload
 * gives. An unknown enum value, a bad amount or time, or a field the decision needs that
 * neither gives throws a KefuError, INVALID_INPUT naming the field.
 */
export declare function fromPlatform(platform: PlatformName, kind: 'check_return', payload: unknown, facts?: Partial<ReturnRequest> | null): ReturnRequest;
export declare function fromPlatform(platform: PlatformName, kind: 'order_flag', payload: unknown, facts?: Partial<OrderFacts> | null): OrderFacts;
export declare function fromPlatform(platform: PlatformName, kind: 'order_action', payload: unknown, facts?: Partial<ActionRequest> | null): ActionRequest;
export declare function fromPlatform(platform: PlatformName, kind: 'dispatch_estimate', payload: unknown, facts?: Partial<DispatchRequest> | null): DispatchRequest;
export declare function fromPlatform(platform: PlatformName, kind: 'refund_timeline', payload: unknown, facts?: Partial<RefundCase> | null): RefundCase;
/** The platform's update call for a flag decision. */
export interface PlatformCall {
  /** `taobao.trade.memo.update`, `jingdong.pop.order.modifyVenderRemark` or `pdd.order.note.update`. */
  method: string;
  /** The call's parameters: the order number, the flag in the platform's code, the memo. */
  params: Record<string, string | number>;
}
/**
 * An `order_flag` or `order_action` decision written back as the platform's update call: the
 * flag in its field and code (Taobao/JD `flag` 0–5, Pinduoduo `tag` 1–5, none for gray) and
 * the memo (`memo`, else the decision's note or label).
 */
export declare function toPlatform(platform: PlatformName, decision: FlagDecision | ActionDecision | LeanFlagDecision | Record<string, unknown>, memo?: string | null): PlatformCall;
export declare const ERROR_CODES: readonly ErrorCode[];
export declare const KINDS: readonly Kind[];
export declare const VERSION: string;
export declare function checkReturn(request: ReturnRequest | string, options: LeanOption): LeanReturnDecision;
export declare function checkReturn(request: ReturnRequest | string, options?: WholeOption | null): ReturnDecision;
export declare function checkReturn(request: ReturnRequest | string, options: Options): ReturnDecision | LeanReturnDecision;
export declare function orderFlag(order: OrderFacts | string, options: LeanOption): LeanFlagDecision;
export declare function orderFlag(order: OrderFacts | string, options?: WholeOption | null): FlagDecision;
export declare function orderFlag(order: OrderFacts | string, options: Options): FlagDecision | LeanFlagDecision;
export declare function orderAction(request: ActionRequest | string, options: LeanOption): LeanActionDecision;
export declare function orderAction(request: ActionRequest | string, options?: WholeOption | null): ActionDecision;
export declare function orderAction(request: ActionRequest | string, options: Options): ActionDecision | LeanActionDecision;
export declare function classifyComplaint(complaint: Complaint | string, options: LeanOption): LeanComplaintDecision;
export declare function classifyComplaint(complaint: Complaint | string, options?: WholeOption | null): ComplaintDecision;
export declare function classifyComplaint(complaint: Complaint | string, options: Options): ComplaintDecision | LeanComplaintDecision;
export declare function refundTimeline(refundCase: RefundCase | string, options: LeanOption): LeanTimelineDecision;
export declare function refundTimeline(refundCase: RefundCase | string, options?: WholeOption | null): TimelineDecision;
export declare function refundTimeline(refundCase: RefundCase | string, options: Options): TimelineDecision | LeanTimelineDecision;
export declare function sla(request: SlaRequest | string, options: LeanOption): LeanSlaDecision;
export declare function sla(request: SlaRequest | string, options?: WholeOption | null): SlaDecision;
export declare function sla(request: SlaRequest | string, options: Options): SlaDecision | LeanSlaDecision;
export declare function dispatchEstimate(order: DispatchRequest | string, options: LeanOption): LeanDispatchDecision;
export declare function dispatchEstimate(order: DispatchRequest | string, options?: WholeOption | null): DispatchDecision;
export declare function dispatchEstimate(order: DispatchRequest | string, options: Options): DispatchDecision | LeanDispatchDecision;
export declare function evaluate<K extends Kind>(kind: K, request: Requests[K] | string, options: LeanOption): LeanDecisions[K];
export declare function evaluate<K extends Kind>(kind: K, request: Requests[K] | string, options?: WholeOption | null): Decisions[K];
export declare function evaluate<K extends Kind>(kind: K, request: Requests[K] | string, options: Options): Decisions[K] | LeanDecisions[K];
export declare function evaluateBatch<K extends Kind>(kind: K, requests: object[], options: LeanOption): BatchItem<LeanDecisions[K]>[];
export declare function evaluateBatch<K extends Kind>(kind: K, requests: object[], options?: WholeOption | null): BatchItem<Decisions[K]>[];
export declare function evaluateBatch<K extends Kind>(kind: K, requests: object[], options: Options): BatchItem<Decisions[K] | LeanDecisions[K]>[];
export declare function evaluateBatchAsync<K extends Kind>(kind: K, requests: object[], options: LeanOption): Promise<BatchItem<LeanDecisions[K]>[]>;
export declare function evaluateBatchAsync<K extends Kind>(kind: K, requests: object[], options?: WholeOption | null): Promise<BatchItem<Decisions[K]>[]>;
export declare function evaluateBatchAsync<K extends Kind>(kind: K, requests: object[], options: Options): Promise<BatchItem<Decisions[K] | LeanDecisions[K]>[]>;
export declare function isWorkday(date: DateString): boolean;
export declare function addWorkingTime(start: Instant, minutes: number): Instant;
export declare function workingMinutesBetween(a: Instant, b: Instant): number;
export declare function policy(): Required<Policy>;
export declare function policyHash(): string;
