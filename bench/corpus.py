"""A generated corpus for the benchmarks: N records remixed from the article's own text, in both languages.

    from bench.corpus import build_corpus
    build_corpus(100_000, random.Random(2014))      # after migrate and seed, in a throwaway database

Records are written with bulk_create in batches (the tables' indexes and constraints as they are), so a
million take minutes. They look like the seeded ones: titles and summaries taken from a seeded record of
the same kind, bodies of 3–8 sentences drawn from that kind's bodies in the same language, most published,
a few drafts with the Chinese body still missing, a few with the English title changed since the Chinese
was written (so the admin has translation work to count). Relations are as a growing site would have them:
every company is an example of one or two of the five real modes (so B2C ends up with hundreds of thousands
of companies), now and then of a generated mode too; every trend names one to three generated companies and
often a real one (Alibaba, JD.com…) and relates to one real mode; every record cites a paragraph of the article.

How the N are shared: a third trends (at most 30,000: a trend's number is a small integer, as editors
number them), the rest half modes, half companies.
"""

import time
from array import array

from django.conf import settings
from django.core.validators import MaxLengthValidator

MAX_TRENDS = 30_000
CONTENT_LANGUAGES = settings.MODELTRANSLATION_LANGUAGES  # en, zh-hant
LANGS = [lang.replace("-", "_") for lang in CONTENT_LANGUAGES]  # as in column names: en, zh_hant


def shares(count):
    trends = min(count // 3, MAX_TRENDS)
    modes = (count - trends) // 2
    return {"modes": modes, "trends": trends, "companies": count - trends - modes}


def _sentences(texts):
    return [s.strip() for text in texts for s in text.replace("。", "。|").replace(". ", ".|").split("|") if s.strip()]


def remix(rng, pool, sentences):
    """A text of `sentences` sentences drawn from `pool` (sentences of the article's texts in one language)."""
    return " ".join(rng.choice(pool) for _ in range(sentences))


def _finish(record):
    """What save() would have derived, for a record that bulk_create writes without calling save()."""
    if hasattr(record, "search_values") and hasattr(record, "search_text"):
        from search.folding import index_text

        record.search_text = index_text(record.search_values())
    if hasattr(record, "refresh_translation_flags"):
        record.refresh_translation_flags()


def _link(field, pairs, batch_size):
    """Rows of a many-to-many table, from (record id, target id) pairs."""
    through = field.remote_field.through
    own, other = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
    rows = [through(**{own: a, other: b}) for a, b in pairs]
    through.objects.bulk_create(rows, batch_size=batch_size, ignore_conflicts=True)


def _generate(model, count, rng, fixed, body, batch_size, relate, report):
    """`count` records of `model`, written `batch_size` at a time; returns their ids."""
    from content.registry import kind_of

    kind = kind_of(model)
    title, summary = kind.title_field, kind.text_fields[0]
    seeded = list(model.objects.all())
    pools = {lang: _sentences(getattr(r, f"{body}_{lang}") for r in seeded) for lang in LANGS}
    paragraphs = list(model._meta.get_field("sources").related_model.objects.values_list("pk", flat=True))
    # Within the field's bound, as every write path now checks (content.hygiene): a remix can run past 2,000 characters.
    limit = min(
        (v.limit_value for v in model._meta.get_field(f"{body}_en").validators if isinstance(v, MaxLengthValidator)),
        default=None,
    )
    ids = array("q")
    done = 0
    while done < count:
        batch = []
        for i in range(done, min(count, done + batch_size)):
            source = rng.choice(seeded)
            draft = rng.random() < 0.02
            record = model(status="draft" if draft else "published", **fixed(i))
            for lang in LANGS:
                setattr(record, f"{title}_{lang}", f"{getattr(source, f'{title}_{lang}')} {i}")
                if summary != body:
                    setattr(record, f"{summary}_{lang}", getattr(source, f"{summary}_{lang}"))
                setattr(record, f"{body}_{lang}", remix(rng, pools[lang], rng.randint(3, 8))[:limit])
            if draft:
                setattr(record, f"{body}_zh_hant", "")  # not translated yet
            elif rng.random() < 0.01:  # the English title changed after the Chinese was written
                texts = {lang: getattr(record, f"{title}_{lang.replace('-', '_')}") for lang in CONTENT_LANGUAGES}
                record.translation_baseline = {title: {**texts, "en": texts["en"] + " (earlier)"}}
            _finish(record)
            batch.append(record)
        created = model.objects.bulk_create(batch)
        new_ids = [record.pk for record in created]
        ids.extend(new_ids)
        _link(model._meta.get_field("sources"), ((pk, rng.choice(paragraphs)) for pk in new_ids), batch_size)
        relate(new_ids)
        done += len(batch)
        report(f"{model._meta.model_name}: {done}/{count}")
    return ids


def build_corpus(count, rng, batch_size=5000, report=lambda line: None):
    """Add `count` generated records to a seeded database; returns {kind: number made} and seconds taken."""
    from modes.models import Company, OperationMode
    from trends.models import Trend

    started = time.perf_counter()
    share = shares(count)
    real_modes = list(OperationMode.objects.values_list("pk", flat=True))
    real_companies = list(Company.objects.values_list("pk", flat=True))

    mode_ids = _generate(
        OperationMode,
        share["modes"],
        rng,
        lambda i: {
            "code": f"G{i}",
            "slug": f"gen-mode-{i}",
            "order": 100 + i % 30_000,
            "seller_side_en": "Businesses",
            "seller_side_zh_hant": "企業",
            "buyer_side_en": "Consumers",
            "buyer_side_zh_hant": "消費者",
        },
        "body",
        batch_size,
        lambda ids: None,
        report,
    )

    def company_modes(ids):
        pairs = []
        for pk in ids:
            pairs += [(pk, mode) for mode in rng.sample(real_modes, rng.choice((1, 1, 2)))]
            if mode_ids and rng.random() < 0.2:
                pairs.append((pk, rng.choice(mode_ids)))
        _link(Company._meta.get_field("modes"), pairs, batch_size)

    company_ids = _generate(
        Company, share["companies"], rng, lambda i: {"slug": f"gen-company-{i}"}, "description", batch_size,
        company_modes, report,
    )  # fmt: skip

    def trend_relations(ids):
        companies, modes = [], []
        for pk in ids:
            named = {rng.choice(company_ids) for _ in range(rng.randint(1, 3))} if company_ids else set()
            if rng.random() < 0.3:
                named.add(rng.choice(real_companies))
            companies += [(pk, company) for company in named]
            modes.append((pk, rng.choice(real_modes)))
        _link(Trend._meta.get_field("companies"), companies, batch_size)
        _link(Trend._meta.get_field("modes"), modes, batch_size)

    _generate(
        Trend, share["trends"], rng, lambda i: {"number": 100 + i, "slug": f"gen-trend-{i}"}, "body", batch_size,
        trend_relations, report,
    )  # fmt: skip
    return share, time.perf_counter() - started
