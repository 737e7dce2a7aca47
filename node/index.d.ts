// Types of the npm package `kefu`. Checked by `npm run typecheck` (tsc on tests/typed.ts),
// which the test command runs and then executes.

/** Stable error codes; `ERROR_CODES` lists them at run time. */
export type ErrorCode =
  | 'INVALID_JSON'
  | 'INVALID_INPUT'
  | 'INVALID_POLICY'
  | 'CALENDAR_YEAR_UNKNOWN'
  | 'UNKNOWN_KIND'
  | 'INTERNAL';

/** What every kefu call throws: an `Error` with a stable `code` and the JSON pointer `path`. */
export interface KefuError extends Error {
  code: ErrorCode;
  /** JSON pointer to the bad field ('' = the whole input), or null. */
  path: string | null;
  /** For INVALID_POLICY: every problem found. */
  problems?: Problem[];
}

export interface Problem {
  path: string;
  message: string;
}

export type Kind =
  | 'order_flag'
  | 'order_action'
  | 'check_return'
  | 'classify_complaint'
  | 'refund_timeline'
  | 'sla'
  | 'dispatch_estimate'
  | 'is_workday'
  | 'add_working_time'
  | 'working_minutes_between';

export type Platform = 'taobao' | 'jd' | 'pinduoduo';
export type FlagName = 'gray' | 'red' | 'yellow' | 'green' | 'blue' | 'purple';

export interface OrderFacts {
  /** The caller's own key (a row or ticket number), echoed in the decision and its batch item. */
  id?: string | null;
  order_id?: string | null;
  platform?: Platform | null;
  paid?: boolean;
  paid_at?: Instant | null;
  entered?: boolean;
  shipped?: boolean;
  waybill_uploaded?: boolean;
  marketing_done?: boolean;
  info_change_pending?: boolean;
  after_sales?: {
    stock_out_before_entry?: boolean;
    stock_out_after_entry?: boolean;
    return_exchange?: boolean;
    refund?: boolean;
    price_difference?: boolean;
  };
  linked_order_id?: string | null;
  /** The flag the order carries now: a name, or the platform's code. */
  current_flag?: FlagName | number | null;
}

export interface FlagDecision {
  /** The request's `id`, echoed (absent when it had none). */
  id?: string;
  /** The request's `order_id`, echoed (absent when it had none). */
  order_id?: string;
  flag: FlagName;
  /** The platform's code; null for gray on Pinduoduo (no tag). */
  flag_code: number | null;
  platform: Platform;
  label: string;
  change: boolean | null;
  owed: { code: string; message: string; message_en: string }[];
  reasons: Reason[];
  policy: PolicyRef;
}

export interface ItemSpec {
  item_code: string;
  size?: string | null;
  colour?: string | null;
}

export interface ActionRequest {
  /** The caller's own key (a row or ticket number), echoed in the decision and its batch item. */
  id?: string | null;
  type: 'modify' | 'cancel_before_shipment' | 'stock_out' | 'price_difference';
  order: OrderFacts;
  now: Instant;
  changes?: {
    shipping_info?: { recipient?: string | null; phone?: string | null; address?: string | null } | null;
    delivery_method?: string | null;
    item?: ItemSpec | null;
  } | null;
  want?: 'return' | 'exchange' | 'close' | null;
  new_item?: ItemSpec | null;
  price_difference_cents?: number | null;
  choice?: 'exchange' | 'refund' | 'wait' | null;
  items_total?: number | null;
  items_out_of_stock?: number | null;
  ship?: 'together' | 'in_stock_first' | null;
  linked_order_id?: string | null;
  item?: ItemSpec | null;
  amount_cents?: number | null;
}

export type Action =
  | 'change_directly' | 'hand_off' | 'refuse' | 'recall' | 'close_trade' | 'create_exchange_order'
  | 'note_and_link' | 'note_and_wait' | 'refund' | 'ship_in_stock_first' | 'create_price_difference_order';

export interface ActionDecision {
  /** The request's `id`, echoed (absent when it had none). */
  id?: string;
  /** The request's `order_id`, echoed (absent when it had none). */
  order_id?: string;
  action: Action;
  department: 'customer_service' | 'logistics' | 'after_sales';
  handoff: { order_id: string | null; facts: string[] } | null;
  flag: FlagName;
  flag_code: number | null;
  platform: Platform;
  flag_label: string;
  note: string | null;
  buyer_message: string;
  buyer_message_en: string;
  deadlines: { refund_apply_from: Instant | null; refund_due_by: Instant | null };
  reasons: Reason[];
  policy: PolicyRef;
}

/** An RFC 3339 instant with an offset, e.g. "2026-03-01T10:00:00+08:00". */
export type Instant = string;
/** A calendar date, "YYYY-MM-DD". */
export type DateString = string;

export type ReturnReason = 'no_reason' | 'quality_defect' | 'not_as_described' | 'wrong_item' | 'damaged_in_transit' | 'missing_parts';

export type Category =
  | 'general' | 'apparel' | 'shoes' | 'bags' | 'toys' | 'home_textiles' | 'electronics'
  | 'food' | 'health_food' | 'cosmetics' | 'medical_devices' | 'family_planning'
  | 'custom_made' | 'fresh_perishable' | 'digital_download' | 'audio_video_software' | 'newspapers_periodicals'
  | 'unseal_sensitive' | 'activation_sensitive' | 'near_expiry_or_flawed';

export interface Condition {
  opened_to_inspect?: boolean;
  used_beyond_inspection?: boolean;
  seal_broken?: boolean;
  tags_removed?: boolean;
  soiled_or_damaged?: boolean;
  accessories_complete?: boolean;
  brand_marks_complete?: boolean;
  activated_or_data_left?: boolean;
  labels_tampered?: boolean;
  unauthorized_repair?: boolean;
}

export interface Gift {
  name?: string | null;
  marked_price_cents: number;
  returned: boolean;
}

export interface Shipping {
  shipping_fee_cents: number;
  free_shipping_threshold_cents?: number | null;
  order_total_cents: number;
  returned_amount_cents: number;
}

export interface ReturnRequest {
  /** The caller's own key (a row or ticket number), echoed in the decision and its batch item. */
  id?: string | null;
  order_id?: string | null;
  reason: ReturnReason;
  category: Category;
  signed_at: Instant;
  requested_at: Instant;
  sold_at?: Instant | null;
  exclusion_confirmed?: boolean;
  condition?: Condition;
  gifts?: Gift[];
  shipping?: Shipping | null;
  price_paid_cents?: number | null;
  warranty_days?: number | null;
  repairs_done?: number;
  returned_goods_received_at?: Instant | null;
}

export interface Reason {
  code: string;
  message: string;
  message_en: string;
  rule: string;
  source: string;
}

export interface PolicyRef {
  id: string;
  version: string;
  hash: string;
}

export type Remedy = 'refund' | 'exchange' | 'repair' | 'resend_parts';

export interface ReturnDecision {
  /** The request's `id`, echoed (absent when it had none). */
  id?: string;
  /** The request's `order_id`, echoed (absent when it had none). */
  order_id?: string;
  verdict: 'eligible' | 'ineligible';
  path: 'no_reason' | 'seller_fault';
  remedies: Remedy[];
  window_ends_at: Instant;
  window_last_day: DateString;
  return_shipping_paid_by: 'buyer' | 'shop' | null;
  deductions: { kind: 'gift_not_returned' | 'free_shipping_broken'; amount_cents: number }[];
  deductions_cents: number;
  refund_amount_cents: number | null;
  refund_due_days: number | null;
  refund_due_at: Instant | null;
  goodwill: { remedy: Remedy; once: boolean } | null;
  reasons: Reason[];
  policy: PolicyRef;
}

export type ComplaintCategory =
  | 'quality' | 'service' | 'price' | 'integrity'
  | 'grumble' | 'anger' | 'publicity' | 'extreme'
  | 'legal' | 'regulator' | 'safety' | 'harm'
  /** Lexicon-only (issue 17): aspects, opinions, degree and neutral words build cues; a cue's own category is one of the above. */
  | 'aspect_quality' | 'aspect_service' | 'aspect_price' | 'aspect_integrity'
  | 'negative' | 'positive' | 'degree' | 'neutral';

export interface LexiconPhrase {
  phrase: string;
  category: ComplaintCategory;
  /** 1 a hint, 2 clear, 3 strong. */
  weight: number;
}

export interface Complaint {
  /** The caller's own key (a row or ticket number), echoed in the decision and its batch item. */
  id?: string | null;
  /** The order this is about, echoed in the decision. */
  order_id?: string | null;
  text?: string | null;
  channel: 'phone' | 'chat' | 'email' | 'social_media' | 'in_person';
  received_at: Instant;
  loss_cents?: number | null;
  order_amount_cents?: number | null;
  harm?: 'none' | 'material' | 'physical' | 'mental' | null;
  threatens_publicity?: boolean;
  threatens_legal_action?: boolean;
  threatens_regulator?: boolean;
  previous_complaints?: number;
  health_or_safety?: boolean;
}

/** A phrase found in the text; `start_utf16`/`end_utf16` index a JS string. */
export interface Cue {
  text: string;
  phrase: string;
  category: ComplaintCategory;
  weight: number;
  start: number;
  end: number;
  start_utf16: number;
  end_utf16: number;
}

export interface ComplaintDecision {
  /** The request's `id`, echoed (absent when it had none). */
  id?: string;
  /** The request's `order_id`, echoed (absent when it had none). */
  order_id?: string;
  /** 'critical' is kefu's own tier (health and safety, legal or regulator escalation), not the seed's. */
  severity: 'general' | 'serious' | 'critical';
  behaviour: 'passive_grumbling' | 'negative_publicity' | 'venting_anger' | 'extreme_radical';
  causes: ('product_quality' | 'service' | 'price' | 'integrity')[];
  cues: Cue[];
  negated: Cue[];
  /** Cues and negated phrases found but not listed (beyond the first 100 of each); all of them counted. */
  cues_not_shown: number;
  owner: 'specialist' | 'supervisor' | 'manager';
  channel: Complaint['channel'];
  reply_due_at: Instant;
  steps: { id: string; text: string; text_en: string }[];
  opening: string;
  opening_en: string;
  coupon_cents: number | null;
  reasons: Reason[];
  policy: PolicyRef;
}

/** Units of a service standard (see core/src/sla.rs for how each counts). */
export type SlaUnit = 'working_minutes' | 'working_days' | 'calendar_hours' | 'calendar_days';

export interface SlaStandard {
  amount: number;
  unit: SlaUnit;
  label?: string;
}

export interface SlaRequest {
  /** The caller's own key (a row or ticket number), echoed in the decision and its batch item. */
  id?: string | null;
  /** The order this is about, echoed in the decision. */
  order_id?: string | null;
  /** A built-in standard ('complaint_reply', 'service_request_reply', 'first_response',
   * 'refund_after_approval', 'return_request_handling', 'refund_after_return_received') or
   * one the policy defines. */
  standard: string;
  started_at: Instant;
  now: Instant;
  met_at?: Instant | null;
  paused?: { from: Instant; to?: Instant | null }[];
}

export interface SlaDecision {
  /** The request's `id`, echoed (absent when it had none). */
  id?: string;
  /** The request's `order_id`, echoed (absent when it had none). */
  order_id?: string;
  standard: string;
  label: string;
  amount: number;
  unit: SlaUnit;
  clock: 'working' | 'calendar';
  due_at: Instant;
  state: 'pending' | 'due_soon' | 'breached' | 'met' | 'met_late';
  minutes_left: number;
  minutes_overdue: number;
  paused_minutes: number;
  paused_now: boolean;
  reasons: Reason[];
  policy: PolicyRef;
}

export interface DispatchRequest {
  /** The caller's own key (a row or ticket number), echoed in the decision and its batch item. */
  id?: string | null;
  /** The order this is about, echoed in the decision. */
  order_id?: string | null;
  paid_at: Instant;
  destination_city: string;
  promotion?: boolean;
  courier_reaches?: boolean;
  free_shipping?: boolean;
  ems_cost_cents?: number | null;
}

export interface DispatchDecision {
  /** The request's `id`, echoed (absent when it had none). */
  id?: string;
  /** The request's `order_id`, echoed (absent when it had none). */
  order_id?: string;
  ship_by: DateString;
  same_day: boolean;
  expected_delivery: DateString;
  delivery_days: number;
  same_city: boolean;
  courier: 'express' | 'ems';
  ems_extra_cents: number | null;
  ems_basis: 'promotion_surcharge' | 'actual_cost' | null;
  buyer_message: string;
  buyer_message_en: string;
  reasons: Reason[];
  policy: PolicyRef;
}

export type RefundEventType =
  | 'requested'
  | 'seller_agreed'
  | 'seller_refused'
  | 'buyer_shipped'
  | 'seller_confirmed_receipt'
  | 'refunded'
  | 'closed';

export type RefundState =
  | 'awaiting_seller'
  | 'refused'
  | 'awaiting_buyer_shipment'
  | 'awaiting_receipt'
  | 'awaiting_refund'
  | 'refunded'
  | 'closed';

export interface RefundCase {
  /** The caller's own key (a row or ticket number), echoed in the decision and its batch item. */
  id?: string | null;
  /** The order this is about, echoed in the decision. */
  order_id?: string | null;
  events: { type: RefundEventType; at: Instant; method?: 'express' | 'post' | null }[];
  now: Instant;
  /** false: a refund only (仅退款), no goods go back. Default true. */
  return_goods?: boolean;
}

export interface TimelineDecision {
  /** The request's `id`, echoed (absent when it had none). */
  id?: string;
  /** The request's `order_id`, echoed (absent when it had none). */
  order_id?: string;
  state: RefundState;
  next_deadline: Instant | null;
  on_deadline: 'auto_agree' | 'close_refund' | 'refund_on_timeout' | 'overdue' | null;
  who_acts: 'seller' | 'buyer' | null;
  minutes_left: number;
  minutes_overdue: number;
  history: { state: RefundState; at: Instant; by: 'event' | 'timeout'; event: number | null }[];
  reasons: Reason[];
  policy: PolicyRef;
}

export interface DayInfo {
  /** The request's `id`, echoed (absent when it had none). */
  id?: string;
  /** The request's `order_id`, echoed (absent when it had none). */
  order_id?: string;
  date: DateString;
  workday: boolean;
  kind: 'workday' | 'weekend' | 'holiday' | 'makeup_workday' | 'closure';
  holiday: string | null;
  /** In a year after the last announced one: the statute's holidays, no 调休. */
  provisional: boolean;
  /** `CALENDAR_PROVISIONAL` for a provisional day; else empty. */
  reasons: Reason[];
}

/** A holiday period of a year: its name and its first and last days off. */
export interface CalendarHoliday {
  name: string;
  from: DateString;
  to: DateString;
}

/**
 * `calendar.years` entries by year ("2026"): the year's holidays and its make-up working days
 * (调休上班). `calendarFromNotice` gives one, ready for `new Engine({ calendar: { years } })`.
 */
export type CalendarYears = Record<string, { holidays: CalendarHoliday[]; workdays: DateString[] }>;

/** Options of every decision call: `{ lean: true }` answers with the decision's lean form. */
export interface Options {
  lean?: boolean;
}

/**
 * The lean form of a decision: only the kind's main fields (the same values as the whole
 * decision; null where it has none) and `reason_codes`, the codes of its reasons.
 */
export type Lean<D, K extends keyof D> = { [P in K]: D[P] | null } & { reason_codes: string[] };
export type LeanReturnDecision = Lean<ReturnDecision,
  'id' | 'order_id' | 'verdict' | 'path' | 'remedies' | 'window_last_day' | 'return_shipping_paid_by' |
  'refund_amount_cents' | 'refund_due_days' | 'refund_due_at'>;
export type LeanFlagDecision = Lean<FlagDecision, 'id' | 'order_id' | 'flag' | 'flag_code' | 'platform' | 'label' | 'change'>;
/** The lean form of any kind (see `main_fields` in the Rust core for each kind's fields). */
export type LeanDecision = { [field: string]: unknown };
/** `{ lean: true }`: answer with the lean form. */
export type LeanOption = { lean: true };
/** No options, or `{ lean: false }`: answer with the whole decision. */
export type WholeOption = { lean?: false };

/** One result of a batch; `id` and `order_id` echo the request's, also for a row that failed. */
export type BatchItem<D = unknown> =
  | { index: number; ok: true; id?: string; order_id?: string; decision: D }
  | { index: number; ok: false; id?: string; order_id?: string; error: { code: ErrorCode; message: string; path: string | null } };

/** A policy document; every field optional (defaults are the rule book's). */
export interface Policy {
  id?: string;
  version?: string;
  time_zone?: string;
  calendar?: {
    builtin?: 'cn' | 'none';
    working_hours?: { start?: string; end?: string };
    /** Announced years (both lists required; every statutory holiday inside a period). */
    years?: CalendarYears;
    closures?: DateString[];
    /** A year after the last announced one: decided provisionally (the default) or refused. */
    unknown_years?: 'provisional' | 'error';
  };
  orders?: {
    platform?: Platform;
    labels?: Partial<Record<FlagName, string>>;
    refund_apply_after_hours?: number;
  };
  returns?: {
    no_reason_days?: number;
    quality_refund_days?: number;
    quality_exchange_days?: number;
    default_warranty_days?: number;
    max_repairs?: number;
    goodwill_exchange?: boolean;
    shop_pays_no_reason_shipping?: boolean;
    charge_unreturned_gifts?: boolean;
    deduct_broken_free_shipping?: boolean;
  };
  sla?: {
    due_soon_percent?: number;
    /** Merged over the built-in standards; an entry replaces a built-in one whole. */
    standards?: Record<string, SlaStandard>;
  };
  dispatch?: {
    cutoff?: string;
    promotion_working_days?: number;
    warehouse_city?: string;
    same_city_days?: number;
    elsewhere_days?: number;
    ems_surcharge_cents?: number;
  };
  complaints?: {
    builtin_lexicon?: boolean;
    add_phrases?: LexiconPhrase[];
    remove_phrases?: string[];
    max_text_chars?: number;
    serious_loss_cents?: number;
    repeat_complaints_serious?: number;
    serious_cue_weight?: number;
    critical_tier?: boolean;
    service_lapse_coupon_cents?: number;
  };
  refund_process?: {
    seller_response_days?: number;
    buyer_ship_days?: number;
    express_receipt_days?: number;
    post_receipt_days?: number;
  };
}

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
  orderAction(request: ActionRequest | string, options: LeanOption): LeanDecision;
  orderAction(request: ActionRequest | string, options?: WholeOption | null): ActionDecision;
  orderAction(request: ActionRequest | string, options: Options): ActionDecision | LeanDecision;
  refundTimeline(refundCase: RefundCase | string, options: LeanOption): LeanDecision;
  refundTimeline(refundCase: RefundCase | string, options?: WholeOption | null): TimelineDecision;
  refundTimeline(refundCase: RefundCase | string, options: Options): TimelineDecision | LeanDecision;
  classifyComplaint(complaint: Complaint | string, options: LeanOption): LeanDecision;
  classifyComplaint(complaint: Complaint | string, options?: WholeOption | null): ComplaintDecision;
  classifyComplaint(complaint: Complaint | string, options: Options): ComplaintDecision | LeanDecision;
  sla(request: SlaRequest | string, options: LeanOption): LeanDecision;
  sla(request: SlaRequest | string, options?: WholeOption | null): SlaDecision;
  sla(request: SlaRequest | string, options: Options): SlaDecision | LeanDecision;
  dispatchEstimate(order: DispatchRequest | string, options: LeanOption): LeanDecision;
  dispatchEstimate(order: DispatchRequest | string, options?: WholeOption | null): DispatchDecision;
  dispatchEstimate(order: DispatchRequest | string, options: Options): DispatchDecision | LeanDecision;
  evaluate(kind: 'check_return', request: ReturnRequest | string, options: LeanOption): LeanReturnDecision;
  evaluate(kind: string, request: object | string, options: LeanOption): LeanDecision;
  evaluate(kind: 'check_return', request: ReturnRequest | string): ReturnDecision;
  evaluate(kind: 'classify_complaint', request: Complaint | string): ComplaintDecision;
  evaluate(kind: 'refund_timeline', request: RefundCase | string): TimelineDecision;
  evaluate(kind: 'sla', request: SlaRequest | string): SlaDecision;
  evaluate(kind: 'dispatch_estimate', request: DispatchRequest | string): DispatchDecision;
  evaluate(kind: 'order_flag', request: OrderFacts | string): FlagDecision;
  evaluate(kind: 'order_action', request: ActionRequest | string): ActionDecision;
  evaluate(kind: 'is_workday', request: { id?: string; order_id?: string; date: DateString } | string): DayInfo;
  evaluate(kind: 'add_working_time', request: { id?: string; order_id?: string; start: Instant; minutes: number } | string): { id?: string; order_id?: string; at: Instant; reasons: Reason[] };
  evaluate(kind: 'working_minutes_between', request: { id?: string; order_id?: string; from: Instant; to: Instant } | string): { id?: string; order_id?: string; minutes: number; reasons: Reason[] };
  evaluate(kind: string, request: object | string, options?: Options): unknown;
  /** One result per request, in order; decided on every core, on the calling thread. */
  evaluateBatch(kind: Kind, requests: object[], options?: Options): BatchItem[];
  /** The same batch decided off the main thread; rejects with a KefuError (unknown kind, not a list). */
  evaluateBatchAsync(kind: Kind, requests: object[], options?: Options): Promise<BatchItem[]>;
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
export declare const ERROR_CODES: readonly ErrorCode[];
export declare const KINDS: readonly Kind[];
export declare const VERSION: string;
export declare function checkReturn(request: ReturnRequest | string, options: LeanOption): LeanReturnDecision;
export declare function checkReturn(request: ReturnRequest | string, options?: WholeOption | null): ReturnDecision;
export declare function checkReturn(request: ReturnRequest | string, options: Options): ReturnDecision | LeanReturnDecision;
export declare function orderFlag(order: OrderFacts | string, options: LeanOption): LeanFlagDecision;
export declare function orderFlag(order: OrderFacts | string, options?: WholeOption | null): FlagDecision;
export declare function orderFlag(order: OrderFacts | string, options: Options): FlagDecision | LeanFlagDecision;
export declare function orderAction(request: ActionRequest | string, options: LeanOption): LeanDecision;
export declare function orderAction(request: ActionRequest | string, options?: WholeOption | null): ActionDecision;
export declare function orderAction(request: ActionRequest | string, options: Options): ActionDecision | LeanDecision;
export declare function classifyComplaint(complaint: Complaint | string, options: LeanOption): LeanDecision;
export declare function classifyComplaint(complaint: Complaint | string, options?: WholeOption | null): ComplaintDecision;
export declare function classifyComplaint(complaint: Complaint | string, options: Options): ComplaintDecision | LeanDecision;
export declare function refundTimeline(refundCase: RefundCase | string, options: LeanOption): LeanDecision;
export declare function refundTimeline(refundCase: RefundCase | string, options?: WholeOption | null): TimelineDecision;
export declare function refundTimeline(refundCase: RefundCase | string, options: Options): TimelineDecision | LeanDecision;
export declare function sla(request: SlaRequest | string, options: LeanOption): LeanDecision;
export declare function sla(request: SlaRequest | string, options?: WholeOption | null): SlaDecision;
export declare function sla(request: SlaRequest | string, options: Options): SlaDecision | LeanDecision;
export declare function dispatchEstimate(order: DispatchRequest | string, options: LeanOption): LeanDecision;
export declare function dispatchEstimate(order: DispatchRequest | string, options?: WholeOption | null): DispatchDecision;
export declare function dispatchEstimate(order: DispatchRequest | string, options: Options): DispatchDecision | LeanDecision;
export declare function evaluate(kind: 'check_return', request: ReturnRequest | string, options: LeanOption): LeanReturnDecision;
export declare function evaluate(kind: Kind, request: object | string, options: LeanOption): LeanDecision;
export declare function evaluate(kind: Kind, request: object | string, options?: WholeOption | null): unknown;
export declare function evaluate(kind: Kind, request: object | string, options: Options): unknown | LeanDecision;
export declare function evaluateBatch(kind: Kind, requests: object[], options?: Options): BatchItem[];
export declare function evaluateBatchAsync(kind: Kind, requests: object[], options?: Options): Promise<BatchItem[]>;
export declare function isWorkday(date: DateString): boolean;
export declare function addWorkingTime(start: Instant, minutes: number): Instant;
export declare function workingMinutesBetween(a: Instant, b: Instant): number;
export declare function policy(): Required<Policy>;
export declare function policyHash(): string;
