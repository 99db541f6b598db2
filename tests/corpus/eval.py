"""Evaluate the anonymisation engine on a held-out generated corpus.

    python -m tests.corpus.eval [--n 60] [--seed 20261125] [--scans 10] [--out DIR]

The engine is called only through its public API (documents.anonymisation.anonymise_pdf);
the output is then read independently (tests/corpus/judge.py): page text with all layers on,
metadata, XMP, annotations, form fields, attachments, links, raw objects, and OCR of every
rendered page and of every large embedded image. Exit code 1 on any leak or any document
not produced, 2 when the engine or tesseract is missing.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

import pymupdf

from devtools.samples import (
    ENTITY_TYPES,
    REGISTRY,
    SampleDocument,
    generate_corpus,
    registry_names,
)

from .judge import compact, norm, ocr_norm, read_pdf, signature_check, tesseract_available

DEFAULT_SEED = 20261125  # held out: the engine's own tests must not use this seed


class EvalUnavailable(RuntimeError):
    pass


def load_engine():
    try:
        from documents.anonymisation import AnonymisationOptions, anonymise_pdf
    except Exception as exc:  # noqa: BLE001 - any import failure means: no engine to judge
        raise EvalUnavailable(
            f"The anonymisation engine is not importable ({type(exc).__name__}: {exc}). "
            "Nothing was evaluated; no results are faked."
        ) from exc
    return AnonymisationOptions, anonymise_pdf


def _finding_matches(item: str, etype: str, findings) -> bool:
    c = compact(item)
    for f in findings:
        if getattr(f, "action", "redact") != "redact":
            continue
        ft = compact(getattr(f, "text", "") or "")
        if not ft:
            continue
        if c in ft or (ft in c and len(ft) >= 0.5 * len(c)):
            return True
    return False


def _is_placeholder(pdf: bytes, page_no: int) -> bool:
    page = pymupdf.open(stream=pdf, filetype="pdf")[page_no]
    curves = any(it[0] == "c" for d in page.get_drawings() for it in d["items"])
    return not page.get_images() and not curves and len(page.get_text("words")) < 40


# Registry roles whose public e-mail address is published (3a, as OFFICE_HOLDER_ROLES in
# people.models); civil servants' addresses never are (3b).
OFFICE_HOLDER_ROLES = {"raadslid", "commissielid", "wethouder", "burgemeester", "griffier"}
# Senders writing from an organisation's address (kept); an office holder's or a fractie's
# sender address is the person's home address (3a: only with consent).
OWN_ADDRESS_SENDERS = {"organisation", "government", "college", "civil_servant"}


def options_kwargs(sample: SampleDocument) -> dict:
    """What intake knows about a document, as the workflow passes it (documents.workflow)."""
    sender = sample.sender
    own_address = (
        tuple(v for v in (sender.address, sender.postcode, sender.place) if v)
        if sample.sender_type in OWN_ADDRESS_SENDERS
        else ()
    )
    return dict(
        category=sample.category,
        sender_type=sample.sender_type,
        keep_names=tuple(registry_names()),
        deny_terms=tuple(sample.deny_terms),
        neutral_term=sample.neutral_term,
        keep_addresses=own_address,
        keep_emails=tuple(
            r["email"] for r in REGISTRY if r["role"] in OFFICE_HOLDER_ROLES and r.get("email")
        ),
    )


def evaluate_document(
    sample: SampleDocument, options_cls, anonymise, ocr: bool = True, save_dir: Path | None = None
) -> dict:
    rec: dict = {
        "filename": sample.filename,
        "category": sample.category,
        "sender_type": sample.sender_type,
        "scanned": sample.scanned,
        "form": sample.form,
        "pages": sample.page_count,
        "produced": False,
        "error": "",
        "leaks": [],
        "personal_items": len(sample.truth.personal),
        "kept": 0,
        "keep_total": 0,
        "keep_missing": [],
        "signatures": [],
        "omitted_ok": None,
        "recall": {},
        "seconds": 0.0,
        "verification": None,
    }
    options = options_cls(**options_kwargs(sample))
    t0 = time.perf_counter()
    try:
        result = anonymise(sample.pdf_bytes, options)
    except Exception as exc:  # noqa: BLE001 - a crash is a result: not produced
        rec["seconds"] = round(time.perf_counter() - t0, 2)
        rec["error"] = f"{type(exc).__name__}: {exc}"
        return rec
    rec["seconds"] = round(time.perf_counter() - t0, 2)
    verification = getattr(result, "verification", None)
    if verification is not None:
        rec["verification"] = {
            "ok": getattr(verification, "ok", None),
            "reason": getattr(verification, "reason", ""),
            "leaks": list(getattr(verification, "leaks", []))[:10],
        }
    findings = list(getattr(result, "findings", []) or [])
    # recall per type over the items that are on (non-omitted) page text
    per_type: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for item in sample.truth.personal:
        if "text" not in item["where"] and "hidden layer" not in item["where"]:
            continue
        hit = _finding_matches(item["text"], item["type"], findings)
        per_type[item["type"]][0] += int(hit)
        per_type[item["type"]][1] += 1
    rec["recall"] = {k: v for k, v in per_type.items()}
    out = getattr(result, "output_pdf", None)
    if not out:
        rec["error"] = "no output_pdf" + (
            f" (verification: {rec['verification']['reason']})" if rec["verification"] else ""
        )
        return rec
    rec["produced"] = True
    reading = read_pdf(out, ocr=ocr)
    # leaks
    for item in sample.truth.personal:
        where = reading.find(item["text"], item["type"])
        if where:
            rec["leaks"].append({"type": item["type"], "text": item["text"], "where": where})
    # omitted pages
    # two accepted forms: the page is removed, or replaced by a placeholder page (same count)
    # that carries no images, no curves and only a short notice
    reported = sorted(set(getattr(result, "omitted_pages", []) or []))
    placeholder = (
        bool(reported)
        and reading.page_count == sample.page_count
        and all(_is_placeholder(out, p) for p in reported if p < reading.page_count)
    )
    expected_pages = sample.page_count if placeholder else sample.page_count - len(reported)
    if save_dir:
        save_dir.mkdir(parents=True, exist_ok=True)
        (save_dir / sample.filename).write_bytes(out)
    rec["omitted_ok"] = (
        set(sample.truth.omit_pages) <= set(reported) and reading.page_count == expected_pages
    )
    rec["omitted"] = {
        "expected": sample.truth.omit_pages,
        "reported": reported,
        "output_pages": reading.page_count,
    }
    # kept ratio: phrases in output text; for scans, OCR text relative to what OCR finds in the input
    keep = sample.truth.keep
    if sample.scanned:
        base = read_pdf(sample.pdf_bytes, ocr=ocr) if ocr else None
        base_text = ocr_norm(base.ocr_text()) if base else ""
        keep = [k for k in keep if ocr_norm(k) in base_text]
        rec["keep_ocr_baseline"] = f"{len(keep)}/{len(sample.truth.keep)}"
        out_text = ocr_norm(reading.ocr_text())
        found = [k for k in keep if ocr_norm(k) in out_text]
    else:
        out_text = norm(reading.page_text())
        found = [k for k in keep if norm(k) in out_text]
    rec["kept"], rec["keep_total"] = len(found), len(keep)
    rec["keep_missing"] = [k for k in keep if k not in found]
    # signatures
    src = pymupdf.open(stream=sample.pdf_bytes, filetype="pdf")
    dst = pymupdf.open(stream=out, filetype="pdf")
    mapping_ok = dst.page_count == expected_pages
    for sig in sample.truth.signatures:
        entry = {"page": sig["page"], "masked": True, "problems": []}
        if sig["page"] in reported:
            entry["problems"] = []  # page left out entirely
        else:
            out_page = (
                sig["page"] - (0 if placeholder else sum(1 for p in reported if p < sig["page"]))
                if mapping_ok
                else sig["page"]
            )
            if out_page >= dst.page_count:
                entry["problems"] = ["output page missing"]
            else:
                entry["problems"] = signature_check(
                    src[sig["page"]], dst[out_page], pymupdf.Rect(sig["rect"])
                )
        entry["masked"] = not entry["problems"]
        rec["signatures"].append(entry)
    return rec


def summarise(records: list[dict], seconds: float) -> dict:
    produced = sum(r["produced"] for r in records)
    leaks = [dict(leak, document=r["filename"]) for r in records for leak in r["leaks"]]
    kept = sum(r["kept"] for r in records)
    keep_total = sum(r["keep_total"] for r in records)
    sigs = [s for r in records for s in r["signatures"]]
    recall: dict[str, list[int]] = {t: [0, 0] for t in ENTITY_TYPES}
    for r in records:
        for t, (hit, total) in r["recall"].items():
            recall.setdefault(t, [0, 0])
            recall[t][0] += hit
            recall[t][1] += total
    return {
        "documents": len(records),
        "scanned": sum(r["scanned"] for r in records),
        "produced": produced,
        "not_produced": [
            {"document": r["filename"], "error": r["error"]} for r in records if not r["produced"]
        ],
        "leak_count": len(leaks),
        "documents_with_leaks": len({leak["document"] for leak in leaks}),
        "leaks": leaks,
        "kept_ratio": round(kept / keep_total, 3) if keep_total else None,
        "kept": f"{kept}/{keep_total}",
        "signatures_masked": f"{sum(s['masked'] for s in sigs)}/{len(sigs)}",
        "omitted_pages_respected": f"{sum(1 for r in records if r['omitted_ok'])}/{produced}",
        "recall": {
            t: {"found": h, "total": n, "recall": round(h / n, 3) if n else None}
            for t, (h, n) in recall.items()
        },
        "forms": {
            form: {
                "documents": len(rs),
                "produced": sum(r["produced"] for r in rs),
                "leaks": sum(len(r["leaks"]) for r in rs),
                "personal_items": sum(r["personal_items"] for r in rs),
            }
            for form in sorted({r.get("form") or "" for r in records} - {""})
            for rs in [[r for r in records if r.get("form") == form]]
        },
        "seconds_total": round(seconds, 1),
        "seconds_engine": round(sum(r["seconds"] for r in records), 1),
        "seconds_per_document_max": max((r["seconds"] for r in records), default=0),
    }


def run_eval(
    n: int = 60,
    seed: int = DEFAULT_SEED,
    scans: int | None = None,
    ocr: bool = True,
    progress=None,
    save_dir: Path | None = None,
) -> dict:
    options_cls, anonymise = load_engine()
    if ocr and not tesseract_available():
        raise EvalUnavailable(
            "tesseract is not installed: the OCR half of the judge cannot run (use --no-ocr "
            "only for a quick look; such a run does not count)."
        )
    scans = (
        max(10, n // 6)
        if scans is None and n >= 60
        else (scans if scans is not None else max(1, n // 6))
    )
    t0 = time.perf_counter()
    corpus = generate_corpus(seed, n, scans=scans)
    records = []
    for i, sample in enumerate(corpus):
        rec = evaluate_document(sample, options_cls, anonymise, ocr=ocr, save_dir=save_dir)
        records.append(rec)
        if progress:
            progress(i, len(corpus), rec)
    summary = summarise(records, time.perf_counter() - t0)
    summary.update(seed=seed, ocr=ocr)
    return {"summary": summary, "documents": records}


def format_table(report: dict) -> str:
    s = report["summary"]
    lines = [
        f"Anonymisation evaluation - seed {s['seed']}, {s['documents']} documents ({s['scanned']} scans)"
        + ("" if s["ocr"] else "  [NO OCR: incomplete judge]"),
        "",
        f"{'document':44} {'ok':>3} {'leaks':>5} {'kept':>7} {'sigs':>5} {'omit':>4} {'sec':>6}",
    ]
    for r in report["documents"]:
        sig_ok = sum(x["masked"] for x in r["signatures"])
        lines.append(
            f"{r['filename']:44} {'yes' if r['produced'] else 'NO':>3} {len(r['leaks']):>5} "
            f"{r['kept']:>3}/{r['keep_total']:<3} {sig_ok:>2}/{len(r['signatures']):<2} "
            f"{'ok' if r['omitted_ok'] else ('-' if r['omitted_ok'] is None else 'BAD'):>4} {r['seconds']:>6.2f}"
        )
    lines += [
        "",
        f"produced:              {s['produced']}/{s['documents']}",
        f"leaks:                 {s['leak_count']} in {s['documents_with_leaks']} documents",
        f"kept ratio:            {s['kept_ratio']} ({s['kept']})",
        f"signatures masked:     {s['signatures_masked']}",
        f"omitted pages ok:      {s['omitted_pages_respected']}",
        f"seconds:               {s['seconds_total']} total, {s['seconds_engine']} in the engine, "
        f"max {s['seconds_per_document_max']} per document",
        "recall per type (engine findings vs truth):",
    ]
    for t, v in s["recall"].items():
        if v["total"]:
            lines.append(f"  {t:14} {v['found']:>4}/{v['total']:<4} {v['recall']}")
    if s.get("forms"):
        lines.append("forms of issue 8 (documents, produced, leaks / personal items):")
        for form, v in s["forms"].items():
            lines.append(
                f"  {form:16} {v['documents']:>3} docs, {v['produced']:>3} produced, "
                f"{v['leaks']:>3} leaks / {v['personal_items']} items"
            )
    if s["not_produced"]:
        lines.append("not produced:")
        lines += [f"  {x['document']}: {x['error'][:140]}" for x in s["not_produced"]]
    if s["leaks"]:
        lines.append("leaks:")
        lines += [
            f"  {x['document']}: {x['type']} {x['text']!r} in {', '.join(x['where'][:4])}"
            for x in s["leaks"][:80]
        ]
        if len(s["leaks"]) > 80:
            lines.append(f"  ... and {len(s['leaks']) - 80} more (see eval.json)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=60)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--scans", type=int, default=None, help="number of scanned documents (default max(10, n/6))"
    )
    parser.add_argument("--out", type=Path, default=None, help="directory for eval.json")
    parser.add_argument(
        "--no-ocr", action="store_true", help="skip OCR (quick look only; does not count)"
    )
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)

    def progress(i, total, rec):
        if not args.quiet:
            print(
                f"[{i + 1}/{total}] {rec['filename']}: {'produced' if rec['produced'] else 'NOT produced'}, "
                f"{len(rec['leaks'])} leaks, {rec['seconds']}s",
                file=sys.stderr,
                flush=True,
            )

    try:
        report = run_eval(
            args.n,
            args.seed,
            args.scans,
            ocr=not args.no_ocr,
            progress=progress,
            save_dir=args.out / "pdf" if args.out else None,
        )
    except EvalUnavailable as exc:
        print(f"eval: {exc}", file=sys.stderr)
        return 2
    print(format_table(report))
    text = json.dumps(report, indent=2, ensure_ascii=False, default=str)
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "eval.json").write_text(text, encoding="utf-8")
    else:
        print(json.dumps(report["summary"], indent=2, ensure_ascii=False, default=str))
    s = report["summary"]
    return 1 if s["leak_count"] or s["produced"] < s["documents"] or args.no_ocr else 0


if __name__ == "__main__":
    sys.exit(main())
