"""The quantity layer: every quantity in a text, the way a trade reporter means it.

A hand-written grammar comes first (number -> scale word -> unit -> rate), because
quantulum3 misreads wire units ("2.41 mln" as cubic centimetre newton, "170m yuan" as
metres). quantulum3 is used (a) for its unit vocabulary, looked up without parsing, for
units the grammar's data does not know ("barrels", "cubic metres", "ounces"), and (b) as
a guarded parse of a short window for symbol-like units the vocabulary cannot resolve.

Public API: Quantity, find_quantities, guess_mt_scale.
"""

from __future__ import annotations

import math
import re
import warnings
from dataclasses import dataclass, field
from functools import lru_cache

from extractor.nlp.quantities_vocab import Vocab, q3_vocab, vocab

__all__ = ["Quantity", "find_quantities", "guess_mt_scale"]


@dataclass
class Quantity:
    start: int  # char offsets of number + its scale/unit words (not the hedge)
    end: int
    text: str
    value: float  # canonical units: tonnes, whole currency units, percent as number
    unit: str  # "t", ISO 4217, "%", "pp", "bp", "x", "CUR/t", quantulum3 unit name, counted noun, ""
    step: float | None  # one unit of the last written digit, canonical units; None for word numbers
    number_text: str
    approx: str = "exact"  # exact | approx | gt | ge | lt | le
    hedge_start: int | None = None
    flags: list[str] = field(default_factory=list)
    is_year: bool = False
    raw_value: float = 0.0  # number x scale word, in the unit as written ("5 kg" -> 5): what a reader sees
    high: float | None = None  # vague amounts ("tens of thousands"): value is the low end, high the high end


# --- numbers ----------------------------------------------------------------------------

_NUM_RE = re.compile(r"\d+(?:[.,]\d+)*|(?<![\w.,])\.\d+")
# e-mail local parts start after a non-word character: linear on long unbroken strings
_URL_RE = re.compile(r"(?:https?://|www\.)\S+|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE_RE = re.compile(r"(?<!\d)(?:\+\d{1,3}[ .-]?)?\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}(?!\d)")
_WORD_RE = re.compile(r"[ \t]*(?:-[ \t]*)?([A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*)")
_SYMBOL_TOKEN_RE = re.compile(r"[ \t]?-?([^\s,;:()\[\]\"-][^\s,;:()\[\]\"]*)")
_PREV_TOKEN_RE = re.compile(r"(\S+)[ \t]+$")


# No reported statistic has more digits; longer runs are identifiers, tables or garbage.
MAX_DIGITS = 30


def parse_number(s: str) -> tuple[float, int, list[str]] | None:
    """Digits as written -> (value, decimals, flags). Reads thousands separators, decimal
    commas ("18,9") and garbled mixes ("38.563.6" = 38,563.6, flagged)."""
    if sum(ch.isdigit() for ch in s) > MAX_DIGITS:
        return None
    groups = re.split(r"[.,]", s)
    seps = re.findall(r"[.,]", s)
    flags: list[str] = []
    if not seps:
        return float(int(s)), 0, flags
    head, rest = groups[0], groups[1:]
    if set(seps) == {","}:
        if len(head) <= 3 and all(len(g) == 3 for g in rest):
            return float(int("".join(groups))), 0, flags
        if len(seps) == 1 and len(rest[0]) in (1, 2):
            flags.append("decimal_comma")
            return float(f"{head}.{rest[0]}"), len(rest[0]), flags
        if len(rest[-1]) == 3 and all(len(g) == 2 for g in rest[:-1]):  # Indian lakh grouping 1,23,456
            return float(int("".join(groups))), 0, flags
        return None
    if set(seps) == {"."}:
        if len(seps) == 1:
            return float(s), len(rest[0]), flags
        flags.append("garbled_separators")
        if all(len(g) == 3 for g in rest):  # 1.234.567, dots as thousands separators
            return float(int("".join(groups))), 0, flags
        return float("".join(groups[:-1]) + "." + groups[-1]), len(groups[-1]), flags
    # both kinds
    if seps[-1] == "." and seps.count(".") == 1 and all(len(g) == 3 for g in rest[:-1]) and len(head) <= 3:
        return float("".join(groups[:-1]) + "." + groups[-1]), len(groups[-1]), flags
    if seps[-1] == "," and seps.count(",") == 1 and all(len(g) == 3 for g in rest[:-1]):
        flags.append("decimal_comma")  # 1.234,5
        return float("".join(groups[:-1]) + "." + groups[-1]), len(groups[-1]), flags
    flags.append("garbled_separators")
    return float("".join(groups[:-1]) + "." + groups[-1]), len(groups[-1]), flags


def _word_number_value(words: str, v: Vocab) -> float | None:
    total, current = 0.0, 0.0
    for w in re.split(r"[ -]+", words.lower()):
        if w in v.word_numbers:
            current += v.word_numbers[w]
        elif w in v.word_multipliers:
            current = (current or 1.0) * v.word_multipliers[w]
            if v.word_multipliers[w] >= 1000:
                total, current = total + current, 0.0
        else:
            return None
    return total + current


# --- internal record ---------------------------------------------------------------------


@dataclass
class _Raw:
    start: int
    end: int
    num_start: int
    num_end: int
    number: float
    decimals: int | None  # None: word number
    number_text: str
    scale: float = 1.0
    has_scale: bool = False
    unit: str = ""
    factor: float = 1.0  # written unit -> canonical unit
    kind: str = ""  # "" | mass | money | pct | pp | x | q3 | noun | other
    flags: list[str] = field(default_factory=list)
    approx: str = "exact"
    hedge_start: int | None = None
    prefix_start: int | None = None  # currency symbol before the number
    sign: float = 1.0
    in_chain: bool = False  # joined to another figure by a hyphen/slash (scores, dates)
    high: float | None = None
    sign_start: int | None = None  # a sign word before the number ("minus 5")

    def to_quantity(self, text: str) -> Quantity:
        value = self.sign * self.number * self.scale * self.factor
        step = None if self.decimals is None else 10.0 ** -self.decimals * self.scale * self.factor
        start = self.prefix_start if self.prefix_start is not None else self.num_start
        if self.sign_start is not None:
            start = min(start, self.sign_start)
        elif self.sign < 0 and start > 0 and text[start - 1] in "-−":
            start -= 1
        return Quantity(start=start, end=self.end, text=text[start:self.end], value=_clean(value),
                        unit=self.unit, step=None if step is None else _clean(step),
                        number_text=self.number_text, approx=self.approx, hedge_start=self.hedge_start,
                        flags=list(dict.fromkeys(self.flags)),
                        raw_value=_clean(self.sign * self.number * self.scale),
                        high=None if self.high is None else _clean(self.high * self.factor))


def _clean(x: float) -> float:
    """Undo binary noise from scaling (0.01 * 1e6 = 10000.000000000002)."""
    if x == 0 or not math.isfinite(x):
        return x
    return float(f"{x:.12g}")


# --- mt ---------------------------------------------------------------------------------

_MT_FIG_RE = re.compile(r"(?<![\d.,])(\d+(?:[.,]\d+)*)[ \t]*(?:mt|MT|mts)\b")  # starts at a number's first digit: linear on digit runs
_METRIC_WORDS_RE = re.compile(r"\bmetric\s+(?:tons?|tonnes?)\b", re.IGNORECASE)
_MILLION_WORDS_RE = re.compile(r"\b(?:mln|million|mn)\s+(?:metric\s+)?(?:tons|tonnes)\b|\bmmt\b", re.IGNORECASE)


def _guess_mt(text: str) -> tuple[float, bool]:
    """(scale, decided_by_evidence). Rule, in order:
    1. any "mt" figure written with a thousands separator or >= 1000 -> metric tons (1.0):
       nobody writes 6,145 million tonnes of a commodity;
    2. the article spells "mln/million tonnes" or "mmt" elsewhere -> 1e6 (it abbreviates that);
    3. the article spells "metric tons" elsewhere -> 1.0;
    4. no evidence: 1e6 when every "mt" figure is below 1000 (crop and stock aggregates),
       else 1.0; such figures are flagged "mt_ambiguous"."""
    figs = []
    for m in _MT_FIG_RE.finditer(text):
        parsed = parse_number(m.group(1))
        if parsed is None:
            continue
        figs.append((m.group(1), parsed[0]))
    if any("," in s or val >= 1000 for s, val in figs):
        return 1.0, True
    if _MILLION_WORDS_RE.search(text):
        return 1e6, True
    if _METRIC_WORDS_RE.search(text):
        return 1.0, True
    if figs and all(val < 1000 for _, val in figs):
        return 1e6, False
    return 1.0, False


def guess_mt_scale(text: str) -> float:
    """Per article: 1.0 when "mt" means metric tons, 1e6 when it means million tonnes."""
    return _guess_mt(text)[0]


# --- quantulum3, guarded ------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _q3_parse(window: str) -> tuple[tuple[int, int, float, str], ...]:
    """quantulum3 parse of a short window -> (start, end, value, unit name). Never raises:
    quantulum3 can throw or crawl on odd input, and a missed unit is cheaper than a crash."""
    if len(window) > 400:
        return ()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from quantulum3 import parser

            out = []
            for q in parser.parse(window):
                span = getattr(q, "span", None) or (0, 0)
                out.append((int(span[0]), int(span[1]), float(q.value), str(q.unit.name)))
            return tuple(out)
    except Exception:  # noqa: BLE001 - third-party parser, any failure means "no unit"
        return ()


# --- grammar ------------------------------------------------------------------------------


class _Scanner:
    def __init__(self, text: str, mt_scale: float | None, currency_country: str | None) -> None:
        self.text = text
        self.v = vocab()
        self.q3 = q3_vocab()
        if mt_scale is None:
            self.mt_scale, self.mt_sure = _guess_mt(text)
        else:
            self.mt_scale, self.mt_sure = mt_scale, True
        self.country = (currency_country or "").upper()
        self.blocked = [m.span() for m in _URL_RE.finditer(text)] + [m.span() for m in _PHONE_RE.finditer(text)]
        self.pct_context = bool(re.search(r"%|\bp(?:er)?\s?c(?:en)?t\b|\bpercent", text, re.IGNORECASE))

    # -- helpers
    def _blocked(self, s: int, e: int) -> bool:
        return any(a <= s < b or a < e <= b for a, b in self.blocked)

    def _line_prefix(self, s: int) -> str:
        ls = self.text.rfind("\n", 0, s) + 1
        return self.text[ls:s]

    def _prev_token(self, s: int) -> str:
        m = _PREV_TOKEN_RE.search(self.text[max(0, s - 40):s])
        return m.group(1) if m else ""

    def _next_word(self, p: int) -> tuple[str, int] | None:
        m = _WORD_RE.match(self.text, p)
        if not m:
            return None
        return m.group(1), m.end()

    # -- main
    def scan(self) -> list[Quantity]:
        raws: list[_Raw] = []
        taken: list[tuple[int, int]] = []
        for r in self._ratios():
            raws.append(r)
            taken.append((r.num_start, r.end))
        for m in _NUM_RE.finditer(self.text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            r = self._digits(m)
            if r is not None:
                raws.append(r)
                taken.append((r.num_start, r.end))
        for r in self._fractions(taken) + self._vague(taken):
            raws.append(r)
            taken.append((r.num_start, r.end))
        for r in self._words(taken):
            raws.append(r)
            taken.append((r.num_start, r.end))
        raws.extend(self._multiples(taken))
        raws.sort(key=lambda r: r.num_start)
        raws = [r for r in raws if not (self._is_year(r) and not self._year_kept(r))]
        self._pair(raws)
        self._index_levels(raws)
        out = []
        for r in raws:
            if r.in_chain and r.kind in ("", "noun"):
                continue  # "2-2" scores, "2-1 thanks", "20-12-2025" dates
            if self._is_year(r) and not self._year_kept(r):
                continue
            if r.kind == "mass" and r.decimals == 3 and "," not in r.number_text and "." in r.number_text \
                    and len(r.number_text.split(".")[0]) <= 3 and r.scale == 1.0 and r.factor == 1.0:
                r.flags.append("ambiguous_thousands_comma")
            out.append(r.to_quantity(self.text))
        return out

    def _year_kept(self, r: _Raw) -> bool:
        """A year-like figure is kept only when a hedge makes it a count ("about 2000 people"):
        wire copy writes counts of that size with a separator ("2,000 workers")."""
        return r.approx != "exact"

    def _is_year(self, r: _Raw) -> bool:
        if r.decimals != 0 or r.has_scale or r.kind not in ("", "noun") or r.prefix_start is not None:
            return False
        if not re.fullmatch(r"\d{4}", r.number_text) or not 1800 <= r.number <= 2100:
            return False
        return r.approx == "exact"

    def _digits(self, m: re.Match[str]) -> _Raw | None:
        t, v = self.text, self.v
        s, e = m.span()
        ntext = m.group(0)
        if self._blocked(s, e):
            return None
        prev = t[s - 1] if s > 0 else " "
        nxt = t[e] if e < len(t) else " "
        nxt2 = t[e + 1] if e + 1 < len(t) else " "
        prefix_start, currency = self._currency_prefix(s)
        signed_currency = False
        if currency is None and prev in "-−" and s >= 2:
            prefix_start, currency = self._currency_prefix(s - 1)  # "$-50.8bn"
            signed_currency = currency is not None
        if prev.isalpha() or prev == "_":
            if currency is None:
                return None  # H20, Q3, INR handled as prefix above
        in_chain = False
        if prev in "-–" and s >= 2:
            before = t[s - 2]
            if before.isalpha() and not v.re_sign_word.search(t[max(0, s - 12):s]) \
                    and not self._hyphen_prefix(s - 1):
                return None  # G-7, COVID-19, TA-35 (but "minus-5", "sub-5 millimetre")
            if before.isdigit():
                in_chain = True
        if prev in "/:" and s >= 2 and t[s - 2].isdigit():
            return None  # 20/12/2025, 1986/87, 10:04
        if nxt in "/:" and nxt2.isdigit():
            return None
        if nxt in "-–" and nxt2.isdigit():
            in_chain = True
        if prev == "." and s >= 2 and t[s - 2].isalpha():
            return None  # v.2, No.5 glued
        # list marker "1. Cumulative picture" / "2) ..."
        if not self._line_prefix(s).strip() and nxt in ".)" and nxt2 in " \t" and currency is None:
            return None
        parsed = parse_number(ntext)
        if parsed is None:
            return None
        number, decimals, flags = parsed
        r = _Raw(start=s, end=e, num_start=s, num_end=e, number=number, decimals=decimals, number_text=ntext,
                 flags=flags, prefix_start=prefix_start, in_chain=in_chain)
        if currency is not None:
            r.unit, r.kind = currency, "money"
        if signed_currency:
            r.sign = -1.0
        elif prev in "-−" and s >= 2 and (t[s - 2] in " \t(\n") and not in_chain:
            r.sign = -1.0  # "(-30.6%)", "Stoxx 50 -1.3%": a minus touching the number, a blank before it
        elif prefix_start is None and not in_chain:
            sw = v.re_sign_word.search(t[max(0, s - 12):s])
            if sw:  # "minus 387 Fahrenheit", "minus-5 yards"
                r.sign, r.sign_start = -1.0, max(0, s - 12) + sw.start()
        # month context: "July 20", "Dec. 2", "20 Jun"
        ptok = self._prev_token(s if prefix_start is None else prefix_start)
        if currency is None and ptok.strip("(.,\"'“[").lower() in v.months and not ptok.endswith(",") \
                and (decimals == 0 and (1 <= number <= 31 or 1000 <= number <= 2100)):
            return None  # a day or a year; "In December, 412 tonnes" is an amount
        # glued letters: 170m, 1.2bn, 3rd, 5am, 4500mAh, 1980s
        p = e
        glued = re.match(r"[A-Za-z°µμ²³/]+[A-Za-z0-9°µμ²³/]*", t[e:e + 12])
        if glued:
            tok = glued.group(0)
            low = tok.lower()
            if low in v.ordinal_suffixes or low in v.time_suffixes or re.match(r"(?:a\.m|p\.m)", t[e:e + 4]):
                return None
            alpha = re.match(r"[A-Za-z]+", tok)
            head = alpha.group(0) if alpha else ""
            key = head if head in v.attached_scales else head.lower()
            if key in v.attached_scales:
                after = e + len(head)
                if key not in v.attached_need_context or self._scale_context(r, after):
                    r.scale, r.has_scale = v.attached_scales[key], True
                    p = after
            if p == e:
                unit_end = self._glued_unit(r, e, tok)
                if unit_end is None:
                    return None  # 5G, 3D, 4x4, 1980s: codes
                r.end = unit_end
                return self._finish(r)
        # time: "0401 GMT", "10.45 pm"
        if r.kind != "money" and v.re_time.match(t, e):
            return None
        w = self._next_word(e)
        if w and w[0].lower().rstrip(".") in v.months and currency is None and decimals == 0 and 1 <= number <= 31:
            return None  # "20 Jun"
        r.end = p
        return self._tail(r, p)

    def _hyphen_prefix(self, dash: int) -> bool:
        m = re.search(r"(?<![\w-])([A-Za-z]+)$", self.text[max(0, dash - 12):dash])
        return bool(m) and m.group(1).lower() in self.v.hyphen_prefixes

    def _scale_context(self, r: _Raw, p: int) -> bool:
        """Is a glued m/b/k a scale? Yes with money around it or a counted thing after."""
        if r.kind == "money":
            return True
        if self.v.re_cur_suffix.match(self.text, p):
            return True
        w = self._next_word(p)
        if not w:
            return False
        word = w[0].lower()
        if word == "of":
            return True
        if word in self.v.units:
            return True  # "1.2m tons"
        if word in self.q3.surfaces:
            return False  # "170m tall", "5m metres": a length
        q = p
        for _ in range(3):  # "2.7m combined digital sales": a counted plural noun close after
            w = self._next_word(q)
            if not w or w[0].lower() in self.v.stopwords:
                return False
            if _plural(w[0].lower()):
                return True
            q = w[1]
        return False

    def _glued_unit(self, r: _Raw, e: int, tok: str) -> int | None:
        t, v = self.text, self.v
        m = v.re_units_exact.match(t, e)
        if m and m.start(1) == e:
            self._set_unit(r, m.group(1), exact=True)
            return self._rate(r, m.end())
        m = v.re_mt.match(t, e)
        if m and m.start(1) == e:
            self._set_mt(r)
            r.end = m.end()
            return self._rate(r, m.end())
        m = v.re_units.match(t, e)
        if m:
            self._set_unit(r, (m.group(1) or m.group(2)))
            return self._rate(r, m.end())
        sym = re.match(r"[^\s,;:()\[\]\"]+", t[e:])
        token = sym.group(0).rstrip(".") if sym else tok
        for cand in (token.replace("μ", "µ"), tok.replace("μ", "µ")):
            if len(cand) < 2 and cand not in self.v.glued_single:
                continue
            name = self.q3.symbols.get(cand) or self.q3.symbols_lower.get(cand.lower()) \
                or self.q3.surfaces.get(cand.lower())
            if name:
                r.unit, r.kind = name, "q3"
                return self._rate(r, e + len(cand))
        if re.search(r"[/°²³0-9]", token):
            got = self._q3_fallback(r, e, token)
            if got is not None:
                return got
        return None

    def _q3_fallback(self, r: _Raw, p: int, token: str) -> int | None:
        """Symbol-like unit the vocabulary misses ("km/h", "m²"): ask quantulum3 on a window."""
        ws = r.num_start
        window = self.text[ws:p + len(token) + 1]
        for qs, qe, _val, name in _q3_parse(window):
            if qs == 0 and name not in ("dimensionless", "") and qe > r.num_end - ws:
                r.unit, r.kind = name, "q3"
                return ws + qe
        return None

    def _set_mt(self, r: _Raw) -> None:
        r.unit, r.kind = "t", "mass"
        r.factor = self.mt_scale
        if not self.mt_sure:
            r.flags.append("mt_ambiguous")

    def _set_unit(self, r: _Raw, word: str, *, exact: bool = False) -> None:
        if exact:
            unit, factor = self.v.units_exact[word]
        else:
            key = re.sub(r"\s+", " ", word.lower())
            unit, factor = self.v.units.get(key, self.v.units.get(key.lstrip("-"), ("", 1.0)))
        r.unit, r.factor = unit, factor
        r.kind = {"t": "mass", "%": "pct", "pp": "pp", "x": "x", "bp": "pp"}.get(unit, "other")
        if re.fullmatch(r"[A-Z]{3}", unit):
            r.kind = "money"  # pence (GBX) written as a unit word or symbol

    def _currency_prefix(self, s: int) -> tuple[int | None, str | None]:
        left = self.text[max(0, s - 8):s]
        m = self.v.re_cur_prefix.search(left)
        if not m:
            return None, None
        sym = m.group(1)
        code = self.v.cur_prefix.get(sym) or self.v.cur_prefix.get(sym + " ")
        if code is None:
            return None, None
        # a lone "R"/"RM"/"kr"/"Tk" word needs to touch the number, "$" may stand apart
        start = max(0, s - 8) + m.start(1)
        if sym.isalpha() and (m.group(0) != sym and len(sym) <= 2
                              or start > 0 and self.text[start - 1] not in " \t\n(\"“"):
            return None, None  # "R"/"RM"/"kr" must touch the number and start a word ("PLX-R18" is a code)
        # "US $84" - a country qualifier written apart from the symbol
        q = re.search(r"(?<![\w])(US|U\.S\.|C|A|NZ|HK|S)[ \t]$", self.text[max(0, start - 6):start])
        if q and sym == "$":
            code2 = self.v.cur_prefix.get(q.group(1) + "$")
            if code2:
                code = code2
                start = max(0, start - 6) + q.start(1)
        return start, code

    def _tail(self, r: _Raw, p: int) -> _Raw | None:
        """After the number: scale word, then unit, then a rate."""
        t, v = self.text, self.v
        if not r.has_scale:
            m = v.re_scale.match(t, p)
            if m:
                r.scale, r.has_scale = v.scales[m.group(1).lower()], True
                p = r.end = m.end()
                m2 = v.re_scale.match(t, p)  # "3 hundred million"
                if m2 and v.scales[m2.group(1).lower()] > r.scale:
                    r.scale *= v.scales[m2.group(1).lower()]
                    p = r.end = m2.end()
        if r.kind == "money":
            m = v.re_cur_suffix.match(t, p)  # "$5 dollars", rare; swallow it
            if m and self._currency_word(m.group(1), r):
                p = r.end = m.end()
            r.end = self._rate(r, p)
            return self._finish(r)
        m = v.re_mt.match(t, p)
        if m and m.group(1) in v.ambiguous_mt or (m and m.group(1) in ("MT", "Mt") and p - r.num_end <= 1):
            self._set_mt(r)
            r.end = self._rate(r, m.end())
            return self._finish(r)
        m = v.re_units.match(t, p)
        if m:
            word = m.group(1) or m.group(2)
            self._set_unit(r, word)
            r.end = self._rate(r, m.end())
            return self._finish(r)
        m = v.re_units_exact.match(t, p)
        if m:
            self._set_unit(r, m.group(1), exact=True)
            r.end = self._rate(r, m.end())
            return self._finish(r)
        m = v.re_points.match(t, p)
        if m:
            if self.pct_context and r.number < 100:
                r.unit, r.kind = "pp", "pp"
            else:
                r.unit, r.kind = "point", "other"
            r.end = m.end()
            return self._finish(r)
        m = v.re_cur_suffix.match(t, p)
        if m:
            code = self._currency_word(m.group(1), r)
            if code:
                r.unit, r.kind = code, "money"
                r.end = self._rate(r, m.end())
                return self._finish(r)
        got = self._q3_words(r, p)
        if got is not None:
            r.end = self._rate(r, got)
            return self._finish(r)
        got = self._noun(r, p)
        if got is None:
            got = self._of_noun(r, p)
        if got is not None:
            r.end = got
            return self._finish(r)
        return self._finish(r)

    def _currency_word(self, word: str, r: _Raw) -> str | None:
        key = re.sub(r"\s+", " ", word.lower())
        if key in self.v.cur_needs_magnitude and not r.has_scale and r.number < 100:
            return None
        if key in self.v.cur_by_country:
            table = self.v.cur_by_country[key]
            return table.get(self.country) or table.get("default")
        return self.v.cur_suffix.get(key)

    def _q3_words(self, r: _Raw, p: int) -> int | None:
        """quantulum3's vocabulary: longest run of up to N words that names a unit."""
        t = self.text
        words: list[tuple[str, int]] = []
        q = p
        for _ in range(self.q3.max_words):
            w = self._next_word(q)
            if not w:
                break
            if not words and w[0].lower() in self.v.stopwords:
                break
            words.append(w)
            q = w[1]
        for n in range(len(words), 0, -1):
            phrase = " ".join(x[0] for x in words[:n]).lower()
            name = self.q3.surfaces.get(phrase)
            if name:
                r.unit, r.kind = name, "q3"
                return words[n - 1][1]
        # symbols: "15 ppb", "300 Hz", "4500 mAh", "km/h"
        m = _SYMBOL_TOKEN_RE.match(t, p)
        if m:
            tok = m.group(1).rstrip(".").replace("μ", "µ")  # Greek mu written for the micro sign
            if tok.lower() in self.v.stopwords or len(tok) < 2:
                return None
            name = self.q3.symbols.get(tok) or self.q3.symbols_lower.get(tok.lower())
            if name:
                r.unit, r.kind = name, "q3"
                return m.start(1) + len(tok)
            if re.search(r"[/°²³]", tok) and re.match(r"[A-Za-z°µ]", tok):
                return self._q3_fallback(r, m.start(1), tok)
        return None

    def _noun(self, r: _Raw, p: int, *, need_plural: bool = False) -> int | None:
        """The counted noun after a figure is its unit: "41 articles", "two buyers", "5 new stores"
        (adjectives that are stopwords are skipped), "seven European countries"."""
        words: list[tuple[str, int]] = []
        q = p
        capital = False
        for _ in range(self.v.noun_max_words + 1):
            w = self._next_word(q)
            if not w:
                break
            word = w[0]
            if "-" in self.text[q:w[1] - len(word)]:
                break  # "2019 review - pictures": a dash ends the phrase
            low = word.lower().strip("'’")
            if low in self.v.noun_adjectives and not words and self.text[w[1]:w[1] + 1] not in ",;.:()":
                q = w[1]
                continue
            if low in self.v.stopwords or low.endswith("ly") or len(low) < 2 or low in self.v.scales:
                break
            if not word[0].islower():
                if low in self.v.months or not word[0].isupper():
                    break
                capital = True
            words.append((low, w[1]))
            q = w[1]
            if _plural(low) or self.text[q:q + 1] in ",;.:()" or len(words) >= self.v.noun_max_words:
                break
        if words and not _plural(words[-1][0]):
            if capital or need_plural:
                return None  # "Galaxy Note", "Downing Street": a name, not a count
            words = words[:1]  # no plural head found: the count is of the first noun ("12 page document")
        if not words or (len(words) == 1 and words[0][0].endswith(("ing", "ed"))):
            return None
        r.unit = " ".join(x[0] for x in words)
        r.kind = "noun"
        return words[-1][1]

    def _of_noun(self, r: _Raw, p: int) -> int | None:
        """"one of the best speakers", "35m of its Echo devices": the counted plural noun after of."""
        m = re.match(r"[ \t]+of[ \t]+([A-Za-z]+)(?=[ \t])", self.text[p:p + 40])
        if not m or m.group(1).lower() not in self.v.of_determiners:
            return None
        return self._noun(r, p + m.end(), need_plural=True)

    def _rate(self, r: _Raw, p: int) -> int:
        """"$52,400 per tonne", "dlrs a tonne", "yuan/t" -> CUR/t; "barrels per day" -> barrels/day."""
        t, v = self.text, self.v
        m = re.match(r"[ \t]*(?:(per|a|an)(?=[ \t])|(/)(?=[A-Za-z]))", t[p:p + 6])
        if not m:
            return p
        kw = (m.group(1) or m.group(2)).lower()
        if kw in ("a", "an") and r.kind in ("x", "pct", "pp", ""):
            return p
        q = p + m.end()
        d = v.re_denominator.match(t, q)
        den = None
        if d:
            word = re.sub(r"\s+", " ", d.group(1).lower())
            den = v.denominators.get(word) or v.denominators.get(word[:-1])
            end = d.end()
            if kw in ("a", "an") and r.kind != "money" and den not in v.rate_article_any_unit:
                return p
            after = self._next_word(end)
            if kw in ("a", "an") and den in v.rate_time_dens and after and after[0].lower() in v.rate_time_after:
                return p  # "305 tons a month before", "$6.78 billion a year earlier": a time phrase
        elif kw in ("per", "/") and r.kind != "pct":
            w = self._next_word(q)
            if w and w[0].lower() not in v.stopwords:
                den = self.q3.surfaces.get(w[0].lower()) or w[0].lower()
                end = w[1]
        if not den or r.kind in ("pct", "pp"):
            return p
        r.unit = f"{r.unit}/{den}" if r.unit else f"/{den}"
        return end

    def _finish(self, r: _Raw) -> _Raw | None:
        t = self.text
        anchor = r.prefix_start if r.prefix_start is not None else r.num_start
        if r.sign_start is not None:
            anchor = r.sign_start
        elif r.sign < 0 and anchor > 0 and t[anchor - 1] in "-−":
            anchor -= 1
        left = t[max(0, anchor - 40):anchor]
        m = self.v.re_hedge.search(left)
        if m:
            r.approx = self.v.hedges[re.sub(r"\s+", " ", m.group(1).lower())]
            r.hedge_start = max(0, anchor - 40) + m.start(1)
        post = re.match(r"[ \t]+or[ \t]+(more|less|fewer)\b", t[r.end:r.end + 14], re.IGNORECASE)
        if post and r.approx == "exact":
            r.approx = "ge" if post.group(1).lower() == "more" else "le"
        if r.kind in ("", "noun") and r.prefix_start is None:
            pre = self.v.re_pre_unit.search(t, max(0, r.num_start - 24), r.num_start)
            if pre and r.kind == "":
                r.unit, r.kind = self.v.pre_unit_words[re.sub(r"\s+", " ", pre.group(1).lower())], "other"
                return r
            if r.kind == "" and self._appositive_age(r):
                r.unit, r.kind = "year of age", "other"
                return r
            # identifiers: "Section 427", "Galaxy Note 20", "S&P 500", "No. 5"
            ptok = self._prev_token(r.num_start)
            low = ptok.lower().rstrip(",")
            bare = low.rstrip(".")
            if low in self.v.identifier_words or bare in self.v.identifier_words:
                if r.kind == "" or bare in ("no", "nos", "#", "number"):
                    return None
            if re.fullmatch(r"[A-Z][A-Za-z&'’]*\.?|[a-z]+[A-Z][A-Za-z]*|\S*[A-Z]\S*[&/]\S*|#", ptok) \
                    and (r.kind == "" or not re.search(r"['’]s?$", ptok)) \
                    and bare not in self.v.stopwords and bare not in self.v.hedges \
                    and bare not in self.v.scales and not self._sentence_start(r.num_start - len(ptok) - 1):
                return None
        return r

    def _appositive_age(self, r: _Raw) -> bool:
        """"Okafor, 58, said": a bare whole number between commas right after a capitalised name."""
        t = self.text
        if r.decimals != 0 or r.has_scale or r.number < 1 or r.number > self.v.appositive_age_max \
                or r.approx != "exact" or r.sign < 0 or r.num_end != r.end:
            return False
        if not re.match(r",[ \t]", t[r.end:r.end + 2]):
            return False
        m = re.search(r"(?<![\w.])([A-Z][a-z]+(?:['’]s)?),[ \t]$", t[max(0, r.num_start - 30):r.num_start])
        if not m:
            return False
        name = m.group(1).lower()
        return name not in self.v.months and name not in self.v.stopwords and name not in self.v.identifier_words

    def _sentence_start(self, pos: int) -> bool:
        before = self.text[:max(0, pos)].rstrip()
        return not before or before[-1] in ".!?\n\"“"

    # -- word numbers and multiples
    def _words(self, taken: list[tuple[int, int]]) -> list[_Raw]:
        out: list[_Raw] = []
        for m in self.v.re_word_number.finditer(self.text):
            s, e = m.span(1)
            if any(a <= s < b for a, b in taken):
                continue
            val = _word_number_value(m.group(1), self.v)
            if val is None:
                continue
            words = m.group(1)
            # "a million" style scale words alone are not numbers
            if words.lower() in self.v.word_multipliers:
                continue
            r = _Raw(start=s, end=e, num_start=s, num_end=e, number=val, decimals=None, number_text=words)
            fold = re.match(r"-?fold\b", self.text[e:e + 6], re.IGNORECASE)
            if fold:
                r.unit, r.kind, r.end = "x", "x", e + fold.end()
                fin = self._finish(r)
                if fin:
                    out.append(fin)
                continue
            got = self._tail(r, e)
            if got is None or not got.unit:
                continue
            if got.kind == "noun" and not _plural(got.unit.split()[-1]):
                continue  # "one left": a word number counts only a plural noun or a known unit
            out.append(got)
        for m in self.v.re_fold_word.finditer(self.text):
            s = m.start(1)
            if any(a <= s < b for a, b in taken) or any(o.num_start == s for o in out):
                continue
            val = self.v.word_numbers.get(m.group(1).lower())
            if val is None:
                continue
            r = _Raw(start=s, end=m.end(), num_start=s, num_end=m.end(), number=val, decimals=None,
                     number_text=m.group(0), unit="x", kind="x")
            fin = self._finish(r)
            if fin:
                out.append(fin)
        return out

    def _multiples(self, taken: list[tuple[int, int]]) -> list[_Raw]:
        out: list[_Raw] = []
        for m in self.v.re_multiple.finditer(self.text):
            s, e = m.span(1)
            if any(a <= s < b for a, b in taken):
                continue
            word = re.sub(r"\s+", " ", m.group(1).lower())
            r = _Raw(start=s, end=e, num_start=s, num_end=e, number=self.v.multiples[word], decimals=None,
                     number_text=m.group(1), unit="x", kind="x")
            fin = self._finish(r)
            if fin:
                out.append(fin)
        return out

    # -- fractions, ratios and vague amounts
    def _fractions(self, taken: list[tuple[int, int]]) -> list[_Raw]:
        """"a third of", "two-thirds of", "half the": a fraction of a whole, unit x."""
        out: list[_Raw] = []
        v = self.v
        t = self.text
        for m in v.re_fraction.finditer(t):
            s, e = m.span()
            den_w = m.group(1).lower()
            nm = v.re_fraction_num.search(t, max(0, s - 8), s)
            num_w = None
            if nm:
                num_w, s = nm.group(1), nm.start(1)
            if any(a <= s < b for a, b in taken):
                continue
            if num_w is None and (den_w not in v.fraction_bare or s > 0 and t[s - 1] == "-"):
                continue  # "third", "quarter" alone are ordinals / periods
            nxt = self._next_word(e)
            if not nxt or nxt[0].lower() not in v.fraction_next:
                continue
            if num_w is None and self._prev_token(s).lower().strip(",.;:(\"'“") in v.fraction_blockers:
                continue  # "the second half of 2025", "cut by half"
            numer = v.fraction_numerators[num_w.lower()] if num_w else 1.0
            r = _Raw(start=s, end=e, num_start=s, num_end=e, number=numer / v.fraction_denominators[den_w],
                     decimals=None, number_text=t[s:e], unit="x", kind="x")
            fin = self._finish(r)
            if fin:
                out.append(fin)
        return out

    def _ratios(self) -> list[_Raw]:
        """"one out of three", "one in five": a share written as a ratio, unit x."""
        out: list[_Raw] = []
        v = self.v
        t = self.text
        for m in v.re_ratio_cand.finditer(t):
            if m.group(1):
                nm = v.re_ratio_num.search(t, max(0, m.start() - 12), m.start())
                if not nm:
                    continue
                s, num = nm.start(1), nm.group(1)
            else:
                s, num = m.start(2), m.group(2)
            dm = v.re_ratio_den.match(t, m.end())
            if not dm:
                continue
            e = dm.end()
            a, b = (float(g) if g.isdigit() else _word_number_value(g, v) for g in (num, dm.group(1)))
            if not a or not b or a >= b:
                continue
            r = _Raw(start=s, end=e, num_start=s, num_end=e, number=a / b, decimals=None,
                     number_text=t[s:e], unit="x", kind="x")
            fin = self._finish(r)
            if fin:
                out.append(fin)
        return out

    def _vague(self, taken: list[tuple[int, int]]) -> list[_Raw]:
        """"tens of thousands of dollars", "dozens of people": an amount between low and high."""
        out: list[_Raw] = []
        for m in self.v.re_vague.finditer(self.text):
            s = m.start(1)
            if any(a <= s < b for a, b in taken):
                continue
            low, high = self.v.vague_amounts[re.sub(r"\s+", " ", m.group(1).lower())]
            r = _Raw(start=s, end=m.end(1), num_start=s, num_end=m.end(1), number=low, decimals=None,
                     number_text=m.group(1), has_scale=True, approx="ge", high=high)
            p = m.end()
            got = self._tail(r, p)
            if got is None or not got.unit:
                continue
            if got.end == p:
                continue
            got.flags.append("vague_amount")
            out.append(got)
        return out

    def _index_levels(self, raws: list[_Raw]) -> None:
        """A bare two-decimal figure >= 100 in a sentence that counts index points is an index level:
        "rose 64.06 points to 4,577.10", "(16369.03 up 58.06 points)"."""
        t = self.text
        pts = [r for r in raws if r.unit == "point"]
        if not pts:
            return
        for r in raws:
            if r.unit or r.decimals != 2 or r.number < 100:
                continue
            for p in pts:
                a, b = sorted((p.num_start, r.num_start))
                if not re.search(r"[.!?](?:\s|$)", t[a:b]):
                    r.unit, r.kind = "point", "other"
                    break

    # -- pairing bare figures with their partner's unit
    def _pair(self, raws: list[_Raw]) -> None:
        t, v = self.text, self.v
        for i in range(len(raws) - 1):
            a, b = raws[i], raws[i + 1]
            if a.kind == "x" or b.kind == "x" or a.decimals is None and b.decimals is None and False:
                continue
            b_start = b.prefix_start if b.prefix_start is not None else b.num_start
            if b.sign_start is not None:
                b_start = min(b_start, b.sign_start)
            elif b.sign < 0 and b.prefix_start is None and b_start > 0 and t[b_start - 1] in "-−":
                b_start -= 1
            between = t[a.end:b_start]
            if len(between) > 30:
                continue
            if between.strip() in "-–" and (a.kind == "noun" or b.kind == "noun"):
                continue
            if not a.unit and b.unit and (v.re_conn_fwd.match(between) or v.re_conn_bwd.match(between)):
                self._adopt(a, b, scale=not a.has_scale and b.has_scale)
            elif a.unit and not b.unit and v.re_conn_bwd.match(between):
                scale_too = not b.has_scale and a.has_scale and a.number > 0 and \
                    0.1 <= b.number / a.number <= 10
                if b.in_chain or b.has_scale or scale_too or a.kind != "noun":
                    self._adopt(b, a, scale=scale_too)
            elif a.unit and not b.unit and a.kind in ("other", "q3", "mass") and a.factor == 1.0 \
                    and re.fullmatch(r"[ \t]*to[ \t]*", between):
                self._adopt(b, a, scale=False)  # "from 208 pounds to 193", "64.06 points to 4,577.10"
            elif a.unit and b.unit.startswith(a.unit + "/") and (v.re_conn_fwd.match(between)
                                                                  or v.re_conn_bwd.match(between)):
                a.unit = b.unit  # "$48,000 and $90,000 a year"
            elif a.unit and b.unit and a.kind == "money" and b.kind == "money" and not a.has_scale \
                    and b.has_scale and v.re_conn_fwd.match(between) and b.number >= a.number:
                # "US $89 to $93 billion": the scale word covers both ends of the range
                a.scale, a.has_scale = b.scale, True

    @staticmethod
    def _adopt(r: _Raw, src: _Raw, *, scale: bool) -> None:
        r.unit, r.kind, r.factor = src.unit, src.kind, src.factor
        r.flags.extend(f for f in src.flags if f == "mt_ambiguous")
        if scale:
            r.scale, r.has_scale = src.scale, True
        r.in_chain = False


def find_quantities(text: str, *, mt_scale: float | None = None,
                    currency_country: str | None = None) -> list[Quantity]:
    """Every quantity in text, in order. mt_scale overrides guess_mt_scale(text);
    currency_country (ISO 3166 alpha-2) resolves "francs", "rupees", "crowns"..."""
    if not text or not any(ch.isdigit() for ch in text) and not _has_word_quantity(text):
        return []
    try:
        return _Scanner(text, mt_scale, currency_country).scan()
    except RecursionError:  # pathological input; the caller gets no figures rather than a crash
        return []


def _plural(word: str) -> bool:
    return word.endswith("s") and not word.endswith(("ss", "us", "is")) or word in vocab().irregular_plurals \
        or len(word) > 4 and word.endswith("men")  # fishermen, businessmen


def _has_word_quantity(text: str) -> bool:
    v = vocab()
    return bool(v.re_word_number.search(text) or v.re_multiple.search(text) or v.re_fold_word.search(text)
                or v.re_fraction.search(text) or v.re_vague.search(text))
