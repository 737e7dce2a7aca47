// The seven-day return decision as a shop engineer would hand-write it in JavaScript (issue 9).
// Verdict and remedies only, on the rule book's default policy (docs/rules.md §3): no reasons, no
// window end, no deductions, no refund terms, no input checking. Days are counted in the
// policy's time zone (UTC+08:00), from the day after signing.

const SHOP_OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 86400 * 1000;
const NEVER = new Set(['custom_made', 'fresh_perishable', 'digital_download', 'newspapers_periodicals']);
const CONFIRMABLE = new Set(['unseal_sensitive', 'activation_sensitive', 'near_expiry_or_flawed']);
const SEALED = new Set(['food', 'health_food', 'cosmetics', 'medical_devices', 'family_planning']);
const SOFT = new Set(['apparel', 'shoes', 'bags', 'toys', 'home_textiles']);
const EMPTY = {};

/** The day number of an RFC 3339 instant in the shop's time zone. */
const shopDay = (instant) => Math.floor((Date.parse(instant) + SHOP_OFFSET_MS) / DAY_MS);

/** On or before the same day two years on (29 February → 28 February), day numbers. */
function withinTwoYears(signed, asked) {
  const d = new Date(signed * DAY_MS);
  const y = d.getUTCFullYear() + 2, m = d.getUTCMonth(), day = d.getUTCDate();
  const end = new Date(Date.UTC(y, m, day));
  const last = end.getUTCMonth() === m ? end : new Date(Date.UTC(y, m + 1, 0)); // no such day: the month's last
  return asked <= Math.floor(last.getTime() / DAY_MS);
}

export function checkReturn(r) {
  const signed = shopDay(r.signed_at);
  const days = shopDay(r.requested_at) - signed; // 1 = the day after signing
  const c = r.condition || EMPTY;
  const reason = r.reason;

  if (reason === 'no_reason') {
    const cat = r.category;
    const blocked = days > 7
      || NEVER.has(cat)
      || (cat === 'audio_video_software' && c.seal_broken === true)
      || (CONFIRMABLE.has(cat) && r.exclusion_confirmed === true)
      || c.used_beyond_inspection === true
      || (c.seal_broken === true && SEALED.has(cat))
      || (cat === 'electronics' && (c.unauthorized_repair === true || c.labels_tampered === true || c.activated_or_data_left === true))
      || (c.tags_removed === true && SOFT.has(cat))
      || c.soiled_or_damaged === true
      || c.accessories_complete === false
      || c.brand_marks_complete === false;
    return blocked ? { verdict: 'ineligible', remedies: [] } : { verdict: 'eligible', remedies: ['refund'] };
  }

  // Seller fault (CPL Art. 24, 三包): 7 days refund, 15 days exchange, then the warranty.
  const quality = reason === 'quality_defect';
  const sold = r.sold_at ? shopDay(r.sold_at) : signed;
  const inWarranty = signed - sold + days <= (r.warranty_days || 0);
  let remedies;
  if (quality && (c.unauthorized_repair === true || c.labels_tampered === true)) remedies = [];
  else if (quality && (r.repairs_done || 0) >= 2 && (inWarranty || days <= 15)) remedies = ['exchange', 'refund'];
  else if (days <= 7) remedies = quality ? ['refund', 'exchange', 'repair'] : reason === 'missing_parts' ? ['resend_parts', 'refund', 'exchange'] : ['refund', 'exchange'];
  else if (days <= 15) remedies = quality ? ['exchange', 'repair'] : reason === 'missing_parts' ? ['resend_parts', 'exchange'] : ['exchange'];
  else if (quality && inWarranty) remedies = ['repair'];
  else if (quality && withinTwoYears(signed, shopDay(r.requested_at))) remedies = ['repair']; // 民法典 Art. 621 (issue 20)
  else remedies = [];
  return { verdict: remedies.length ? 'eligible' : 'ineligible', remedies };
}
