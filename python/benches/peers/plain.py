"""The seven-day return decision as a shop engineer would hand-write it in Python (issue 9).

Verdict and remedies only, on the rule book's default policy (docs/rules.md §3): no reasons, no
window end, no deductions, no refund terms, no input checking. Days are counted in the
policy's time zone (UTC+08:00), from the day after signing.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

SHOP_TZ = timezone(timedelta(hours=8))
NEVER = {"custom_made", "fresh_perishable", "digital_download", "newspapers_periodicals"}
CONFIRMABLE = {"unseal_sensitive", "activation_sensitive", "near_expiry_or_flawed"}
SEALED = {"food", "health_food", "cosmetics", "medical_devices", "family_planning"}
SOFT = {"apparel", "shoes", "bags", "toys", "home_textiles"}
EMPTY: dict = {}


def shop_date(instant: str) -> date:
    return datetime.fromisoformat(instant).astimezone(SHOP_TZ).date()


def requested_within_two_years(signed: date, asked: date) -> bool:
    """On or before the same day two years on (29 February → 28 February)."""
    try:
        end = signed.replace(year=signed.year + 2)
    except ValueError:
        end = signed.replace(year=signed.year + 2, day=28)
    return asked <= end


def check_return(r: dict) -> dict:
    signed = shop_date(r["signed_at"])
    days = (shop_date(r["requested_at"]) - signed).days  # 1 = the day after signing
    c = r.get("condition") or EMPTY
    reason = r["reason"]

    if reason == "no_reason":
        cat = r["category"]
        seal = c.get("seal_broken", False)
        blocked = (
            days > 7
            or cat in NEVER
            or (cat == "audio_video_software" and seal)
            or (cat in CONFIRMABLE and r.get("exclusion_confirmed", False))
            or c.get("used_beyond_inspection", False)
            or (seal and cat in SEALED)
            or (cat == "electronics" and (c.get("unauthorized_repair", False) or c.get("labels_tampered", False) or c.get("activated_or_data_left", False)))
            or (c.get("tags_removed", False) and cat in SOFT)
            or c.get("soiled_or_damaged", False)
            or not c.get("accessories_complete", True)
            or not c.get("brand_marks_complete", True)
        )
        return {"verdict": "ineligible", "remedies": []} if blocked else {"verdict": "eligible", "remedies": ["refund"]}

    # Seller fault (CPL Art. 24, 三包): 7 days refund, 15 days exchange, then the warranty.
    quality = reason == "quality_defect"
    sold = shop_date(r["sold_at"]) if r.get("sold_at") else signed
    in_warranty = (signed - sold).days + days <= (r.get("warranty_days") or 0)
    if quality and (c.get("unauthorized_repair", False) or c.get("labels_tampered", False)):
        remedies: list = []
    elif quality and r.get("repairs_done", 0) >= 2 and (in_warranty or days <= 15):
        remedies = ["exchange", "refund"]
    elif days <= 7:
        remedies = ["refund", "exchange", "repair"] if quality else ["resend_parts", "refund", "exchange"] if reason == "missing_parts" else ["refund", "exchange"]
    elif days <= 15:
        remedies = ["exchange", "repair"] if quality else ["resend_parts", "exchange"] if reason == "missing_parts" else ["exchange"]
    elif quality and in_warranty:
        remedies = ["repair"]
    elif quality and requested_within_two_years(signed, shop_date(r["requested_at"])):
        remedies = ["repair"]  # the law's outer period for a defect (民法典 Art. 621; issue 20)
    else:
        remedies = []
    return {"verdict": "eligible" if remedies else "ineligible", "remedies": remedies}
