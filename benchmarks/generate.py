"""Write a deterministic synthetic corpus of health articles for the medlint benchmark.

    python benchmarks/generate.py --files 1000            # -> benchmarks/out/corpus-1000/
    python benchmarks/generate.py --files 50 --out /tmp/c --seed 7

Each article is Markdown with YAML front matter (title, author, date, type), a `#` title,
5-7 `##` sections of paragraphs, one bullet list, one fenced code block, and about 800 prose
words. A few sentences carry hype words, relative-risk statistics (with and without absolute
figures) and condition labels, so some rules fire on some files, as on a real site.

The corpus depends only on (files, seed); the seed defaults to the number of files
(``random.Random(N)``). A ``corpus.json`` manifest records the prose word count of every file
(headings, paragraphs and list items as a reader sees them; not front matter, not code, not
link targets) and a SHA-256 digest of the whole corpus, so two machines can check they measure
the same text. Standard library only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from datetime import date, timedelta
from pathlib import Path

GENERATOR_VERSION = 1
TARGET_WORDS = 800
HERE = Path(__file__).resolve().parent

# -- word lists ---------------------------------------------------------------------------------

DRUGS = [
    "metformin", "lisinopril", "amlodipine", "atorvastatin", "simvastatin", "losartan",
    "omeprazole", "pantoprazole", "levothyroxine", "sertraline", "escitalopram", "fluoxetine",
    "bupropion", "gabapentin", "pregabalin", "ibuprofen", "naproxen", "paracetamol",
    "acetaminophen", "aspirin", "warfarin", "apixaban", "rivaroxaban", "clopidogrel",
    "insulin glargine", "semaglutide", "liraglutide", "empagliflozin", "dapagliflozin",
    "sitagliptin", "prednisone", "montelukast", "salbutamol", "budesonide", "fluticasone",
    "cetirizine", "loratadine", "amoxicillin", "doxycycline", "azithromycin", "nitrofurantoin",
    "hydrochlorothiazide", "furosemide", "spironolactone", "bisoprolol", "metoprolol",
    "propranolol", "ramipril", "tamsulosin", "finasteride", "alendronate", "methotrexate",
    "hydroxychloroquine", "adalimumab", "allopurinol", "colchicine", "sumatriptan",
    "topiramate", "lamotrigine", "levetiracetam", "donepezil", "memantine", "quetiapine",
]

CONDITIONS = [
    "type 2 diabetes", "high blood pressure", "heart failure", "atrial fibrillation",
    "high cholesterol", "asthma", "chronic obstructive pulmonary disease", "migraine",
    "osteoarthritis", "rheumatoid arthritis", "gout", "osteoporosis", "depression",
    "generalized anxiety disorder", "insomnia", "epilepsy", "Parkinson's disease",
    "Alzheimer's disease", "chronic kidney disease", "fatty liver disease", "hepatitis C",
    "acid reflux", "irritable bowel syndrome", "Crohn's disease", "ulcerative colitis",
    "psoriasis", "eczema", "hay fever", "urinary tract infections", "an underactive thyroid",
    "an overactive thyroid", "sleep apnea", "obesity", "anemia", "shingles", "glaucoma",
    "macular degeneration", "lower back pain", "long COVID", "endometriosis",
    "polycystic ovary syndrome", "an enlarged prostate", "kidney stones", "celiac disease",
    "lupus", "multiple sclerosis", "stroke", "coronary artery disease", "peripheral artery disease",
]

SYMPTOMS = [
    "tiredness", "headaches", "dizziness", "nausea", "a dry cough", "shortness of breath",
    "chest pain", "swollen ankles", "joint pain", "muscle aches", "stomach pain", "bloating",
    "diarrhea", "constipation", "heartburn", "a rash", "itchy skin", "blurred vision",
    "trouble sleeping", "low mood", "weight gain", "weight loss", "a fast heartbeat",
    "night sweats", "a fever", "numbness in the feet", "frequent urination", "thirst",
    "hair thinning", "brain fog",
]

PEOPLE = [
    "people", "adults", "older adults", "children", "teenagers", "women", "men",
    "pregnant women", "people over 65", "people with kidney problems", "new patients",
    "caregivers", "most people", "some people", "a few people", "many patients",
]

CLINICIANS = [
    "your doctor", "your pharmacist", "a nurse", "your care team", "a specialist",
    "your GP", "a dietitian", "a physical therapist", "the clinic", "your health visitor",
]

TIMES = [
    "in the morning", "at night", "with food", "after meals", "once a day", "twice a day",
    "every week", "every few months", "for the first two weeks", "at the same time each day",
    "before bed", "on an empty stomach", "for at least six weeks", "during the first month",
]

VERBS_EASE = ["ease", "relieve", "reduce", "help with", "calm", "lessen", "improve", "control"]
VERBS_PLAIN = [
    "check", "measure", "track", "write down", "talk about", "ask about", "watch for",
    "look out for", "keep a note of", "mention", "report", "bring up",
]
ACTIVITIES = [
    "walking", "swimming", "cycling", "gentle stretching", "yoga", "strength training",
    "dancing", "gardening", "tai chi", "climbing stairs",
]
FOODS = [
    "vegetables", "fruit", "whole grains", "beans", "lentils", "oily fish", "nuts", "olive oil",
    "yogurt", "oats", "leafy greens", "berries", "brown rice", "eggs", "lean meat",
]
TESTS = [
    "a blood test", "a urine test", "an ECG", "an X-ray", "an ultrasound scan", "a CT scan",
    "an MRI scan", "a blood pressure check", "an HbA1c test", "a kidney function test",
    "a liver function test", "a lung function test", "a bone density scan",
]
STUDIES = [
    "a large trial", "a 2023 review", "a study of 12,000 adults", "a recent analysis",
    "several small studies", "a long-term study", "a national survey", "a 2024 trial",
]
AUTHORS = [
    "Elena Ortiz", "Samuel Okafor", "Priya Raman", "Tomás Herrera", "Grace Liu", "Amara Nwosu",
    "Jonas Becker", "Fatima Haddad", "Lucy Brennan", "Kenji Sato", "Maria Rossi", "David Cohen",
]
TYPES = ["treatment", "condition", "news", "guide", "general"]

HYPE = [
    "Some websites call {drug} a miracle drug for {condition}, but the evidence is more modest.",
    "One clinic advertises {drug} as a breakthrough that works for everyone.",
    "A supplement maker claims its pill is a cure-all for {condition}.",
    "Adverts promise that the treatment is guaranteed to clear {symptom} in a week.",
    "Fans describe the new diet as a game changer for {condition}.",
    "The company says its cream has no side effects at all.",
    "A blog post calls turmeric a superfood that prevents {condition}.",
    "The press release describes the device as revolutionary.",
]
LABELS = [
    "Diabetics should check their feet every day.",
    "She suffers from {condition} and {symptom}.",
    "Many people who suffer from {condition} never see a specialist.",
]
RELATIVE_ONLY = [
    "In {study}, {drug} cut the risk of {outcome} by {pct}%.",
    "People who took {drug} had a {pct}% lower risk of {outcome} in {study}.",
    "Regular {activity} lowers the risk of {outcome} by about {pct}%, the authors said.",
]
RELATIVE_WITH_ABSOLUTE = [
    "In {study}, {drug} cut the risk of {outcome} by {pct}%, from {a} in 100 people to {b} in 100.",
    "{drug_cap} lowered the chance of {outcome} by {pct}%: {b} in 100 people had one instead of {a} in 100.",
]
OUTCOMES = [
    "a heart attack", "a stroke", "a fall", "a hip fracture", "going to hospital",
    "a flare-up", "a second stroke", "kidney failure", "an asthma attack", "dying early",
]

TEMPLATES = [
    "{condition_cap} is common, and it often starts slowly.",
    "Many {people} with {condition} have no symptoms at first.",
    "The most common signs are {symptom} and {symptom2}.",
    "Some {people} notice {symptom} {time}.",
    "{drug_cap} can {ease} {symptom} in {people} with {condition}.",
    "It is usually taken {time}, and the dose may change over the first few weeks.",
    "{clinician_cap} may suggest {drug} if other treatments have not worked.",
    "Do not stop taking {drug} suddenly without talking to {clinician}.",
    "Side effects of {drug} can include {symptom} and {symptom2}.",
    "Most side effects are mild and fade after a few weeks.",
    "Tell {clinician} if you have {symptom} that does not go away.",
    "{clinician_cap} will probably ask for {test} before you start.",
    "{test_cap} helps check on your {organ}.",
    "It is a good idea to {verb} your symptoms in a diary.",
    "Try to {verb} any new symptoms and bring the notes to your next visit.",
    "Eating more {food} and {food2} can help, although diet alone rarely fixes {condition}.",
    "Regular {activity} for 30 minutes on most days is a good goal.",
    "Even ten minutes of {activity} a day is better than none.",
    "{study_cap} found that {people} who kept active had fewer problems with {condition}.",
    "The results of {study} were encouraging, but more research is needed.",
    "Smoking makes {condition} worse, so stopping is one of the best things you can do.",
    "Alcohol can interact with {drug}, so keep to the recommended limits.",
    "Some {people} take {drug} together with {drug2}.",
    "{drug_cap} and {drug2} should not be taken together unless {clinician} says so.",
    "If you miss a dose, take it when you remember, unless it is nearly time for the next one.",
    "Never take two doses at once to make up for a missed one.",
    "Keep your medicines in a cool, dry place, out of the reach of children.",
    "You can buy {drug} at a pharmacy, but you need a prescription for higher doses.",
    "Ask {clinician} whether {drug} is safe if you are pregnant or breastfeeding.",
    "{condition_cap} can affect your {organ} over time.",
    "Having {condition} raises the chance of problems with your {organ}.",
    "Good control of {condition} lowers the chance of these problems.",
    "Most {people} can manage {condition} well with the right support.",
    "Getting enough sleep makes it easier to cope with {symptom}.",
    "Stress can make {symptom} worse for some {people}.",
    "A support group can help you feel less alone with {condition}.",
    "Call an ambulance if you have {emergency}.",
    "Get urgent help if {symptom} comes on suddenly or feels severe.",
    "{test_cap} is quick and usually painless.",
    "Your results are normally ready within a week.",
    "Treatment for {condition} often combines medicine, exercise and changes to diet.",
    "There is no single right plan, so your care team will work with you to find one.",
    "Write down your questions before the appointment so you do not forget them.",
    "It may take a few tries to find the dose of {drug} that suits you.",
    "{people_cap} with {condition} may need to {verb} their weight and blood pressure regularly.",
    "The first line of treatment is usually {drug}.",
    "If {drug} does not help, {drug2} is a common next step.",
    "Some people find that {activity} eases {symptom}.",
    "Drinking enough water during the day helps with {symptom}.",
    "Recovery times vary, and most people feel better within a few months.",
    "Check the leaflet in the pack for the full list of side effects.",
    "About {n} in 100 {people} with {condition} have {symptom}.",
    "The condition affects around {n} in 1,000 {people} in the UK.",
    "Symptoms tend to come and go, and they are often worse {time}.",
    "Keep a list of all the medicines you take, including vitamins and herbal remedies.",
    "Some herbal remedies, such as St John's wort, interact with {drug}.",
    "You should have {test} at least once a year.",
    "Follow-up visits let {clinician} see whether the treatment is working.",
    "Losing a small amount of weight can make a real difference to {condition}.",
    "The risk of {condition} goes up with age.",
    "Family history plays a part, but lifestyle matters too.",
    "Women and men can have different symptoms of {condition}.",
    "Children with {condition} usually need a lower dose.",
    "It is normal to feel worried after a diagnosis of {condition}.",
    "Talking to friends and family can help you cope.",
]

ORGANS = ["heart", "kidneys", "liver", "lungs", "eyes", "nerves", "bones", "joints", "skin", "gut"]
EMERGENCIES = [
    "chest pain that spreads to your arm", "sudden weakness on one side of your body",
    "trouble breathing", "a severe allergic reaction", "confusion that comes on quickly",
]
HEADINGS = [
    "What is {condition}?", "Symptoms to look out for", "Causes and risk factors",
    "How {condition} is diagnosed", "Treatment options", "How {drug} works",
    "Side effects of {drug}", "Living with {condition}", "Diet and exercise",
    "When to get medical help", "Questions to ask your doctor", "Tests you may need",
    "Taking your medicine", "Looking after yourself", "Outlook",
]
TITLES = [
    "{condition_cap}: symptoms, causes and treatment", "A guide to {drug} for {condition}",
    "Living well with {condition}", "What to know about {drug}", "{condition_cap} explained",
    "New research on {condition}", "Managing {condition} at home",
]
LIST_ITEMS = [
    "{symptom_cap}", "Take {drug} {time}", "Ask {clinician} about {test}",
    "{activity_cap} for 30 minutes", "Eat more {food}", "Write down any {symptom}",
    "Keep a list of your medicines", "Have your {organ} checked every year",
    "Bring a friend to your appointment", "Limit alcohol and stop smoking",
]
CODE_BLOCKS = [
    ("yaml", "dose_log:\n  drug: {drug}\n  time: \"08:00\"\n  notes: miracle breakthrough test data\n"),
    ("python", "def daily_doses(mg_per_day, mg_per_tablet):\n    return mg_per_day // mg_per_tablet\n\nprint(daily_doses(1000, 500))\n"),
    ("text", "Reading  Systolic  Diastolic\nMon      132       84\nTue      128       82\nWed      135       86\n"),
    ("json", "{{\"drug\": \"{drug}\", \"dose_mg\": 50, \"times_per_day\": 2}}\n"),
]
LINK_TARGETS = [
    "https://example.org/health/{slug}", "https://example.com/guides/{slug}",
    "/articles/{slug}", "https://www.example.net/conditions/{slug}",
]

_WORD = re.compile(r"\w")


def count_words(text: str) -> int:
    """Whitespace-separated tokens holding a letter or digit: 'St John's wort' is 3, '–' is 0."""
    return sum(1 for token in text.split() if _WORD.search(token))


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class ArticleWriter:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def slots(self, topic: dict[str, str]) -> dict[str, str]:
        r = self.rng
        drug = topic["drug"] if r.random() < 0.6 else r.choice(DRUGS)
        condition = topic["condition"] if r.random() < 0.7 else r.choice(CONDITIONS)
        symptom, symptom2 = r.sample(SYMPTOMS, 2)
        food, food2 = r.sample(FOODS, 2)
        values = {
            "drug": drug, "drug2": r.choice([d for d in DRUGS if d != drug]), "condition": condition,
            "symptom": symptom, "symptom2": symptom2, "people": r.choice(PEOPLE),
            "clinician": r.choice(CLINICIANS), "time": r.choice(TIMES), "ease": r.choice(VERBS_EASE),
            "verb": r.choice(VERBS_PLAIN), "activity": r.choice(ACTIVITIES), "food": food,
            "food2": food2, "test": r.choice(TESTS), "study": r.choice(STUDIES),
            "organ": r.choice(ORGANS), "emergency": r.choice(EMERGENCIES),
            "outcome": r.choice(OUTCOMES), "n": str(r.randint(2, 40)),
        }
        pct = r.choice([15, 20, 25, 30, 35, 40, 50])
        a = r.randint(4, 20)
        values.update(pct=str(pct), a=str(a), b=str(max(1, round(a * (100 - pct) / 100))))
        for key in ("drug", "condition", "symptom", "people", "clinician", "test", "study", "activity"):
            values[key + "_cap"] = _cap(values[key])
        return values

    def sentence(self, topic: dict[str, str]) -> str:
        r = self.rng
        roll = r.random()
        if roll < 0.006:  # per article (~55 sentences): ~0.3 hype, ~0.2 bare relative-risk sentences
            pool = HYPE
        elif roll < 0.010:
            pool = RELATIVE_ONLY
        elif roll < 0.013:
            pool = RELATIVE_WITH_ABSOLUTE
        elif roll < 0.016:
            pool = LABELS
        else:
            pool = TEMPLATES
        return r.choice(pool).format(**self.slots(topic))

    def paragraph(self, topic: dict[str, str], budget: int) -> tuple[str, str]:
        """(markdown, visible text) of one paragraph of about ``budget`` words (3-7 sentences)."""
        r = self.rng
        sentences: list[str] = []
        words = 0
        while (words < budget or len(sentences) < 3) and len(sentences) < 7:
            s = self.sentence(topic)
            sentences.append(s)
            words += count_words(s)
        plain = " ".join(sentences)
        markdown = plain
        if r.random() < 0.25:  # an inline link: the visible words count, the target does not
            phrase = topic["condition"] if topic["condition"] in plain else None
            if phrase:
                target = r.choice(LINK_TARGETS).format(slug=_slug(phrase))
                markdown = plain.replace(phrase, f"[{phrase}]({target})", 1)
        elif r.random() < 0.15 and topic["drug"] in plain:
            markdown = plain.replace(topic["drug"], f"**{topic['drug']}**", 1)
        return _wrap(markdown), plain

    def article(self, index: int) -> tuple[str, int, str]:
        """(file name, prose word count, Markdown text) of one article."""
        r = self.rng
        topic = {"drug": r.choice(DRUGS), "condition": r.choice(CONDITIONS)}
        first = self.slots(topic)
        title = r.choice(TITLES).format(**first)
        day = date(2023, 1, 1) + timedelta(days=r.randrange(0, 3 * 365))
        target = r.randint(TARGET_WORDS - 60, TARGET_WORDS + 20)  # paragraphs overshoot by ~20
        n_sections = r.randint(5, 7)
        headings = [h.format(**self.slots(topic)) for h in r.sample(HEADINGS, n_sections)]
        list_at, code_at = r.sample(range(n_sections), 2)

        lines = ["---", f"title: {json.dumps(title)}", f"author: {r.choice(AUTHORS)}",
                 f"date: {day.isoformat()}", f"type: {r.choice(TYPES)}", "---", "", f"# {title}", ""]
        words = count_words(title)
        md, plain = self.paragraph(topic, 50)
        lines += [md, ""]
        words += count_words(plain)

        for number, heading in enumerate(headings):
            lines += [f"## {heading}", ""]
            words += count_words(heading)
            if number == list_at:
                lead = "Things that can help:" if r.random() < 0.5 else "Points to remember:"
                items = [_cap(item.format(**self.slots(topic))) for item in r.sample(LIST_ITEMS, r.randint(4, 7))]
                lines += [lead, ""] + [f"- {item}" for item in items] + [""]
                words += count_words(lead) + sum(count_words(item) for item in items)
            budget = max(30, (target - words) // (n_sections - number))
            section_words = 0
            while section_words < budget:
                md, plain = self.paragraph(topic, max(20, min(budget - section_words, r.randint(45, 90))))
                lines += [md, ""]
                n = count_words(plain)
                words += n
                section_words += n
                if number == code_at and section_words == n:  # after the section's first paragraph
                    lang, code = r.choice(CODE_BLOCKS)
                    lines += [f"```{lang}", code.format(**self.slots(topic)).rstrip("\n"), "```", ""]
        name = f"article-{index:05d}-{_slug(topic['condition'])[:40]}.md"
        return name, words, "\n".join(lines).rstrip("\n") + "\n"


def _wrap(text: str, width: int = 100) -> str:
    """Hard-wrap a paragraph like a human-edited Markdown file (never inside a link)."""
    out: list[str] = []
    line = ""
    for token in re.findall(r"\[[^\]]*\]\([^)]*\)\S*|\S+", text):
        if line and len(line) + 1 + len(token) > width:
            out.append(line)
            line = token
        else:
            line = f"{line} {token}" if line else token
    if line:
        out.append(line)
    return "\n".join(out)


def default_out(files: int) -> Path:
    return HERE / "out" / f"corpus-{files}"


def generate(files: int, out: Path, seed: int | None = None) -> dict:
    """Write ``files`` articles to ``out`` (replacing earlier articles) and return the manifest."""
    seed = files if seed is None else seed
    rng = random.Random(seed)
    writer = ArticleWriter(rng)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("article-*.md"):
        old.unlink()
    digest = hashlib.sha256()
    entries = []
    for index in range(files):
        name, words, text = writer.article(index)
        data = text.encode("utf-8")
        (out / name).write_bytes(data)
        digest.update(name.encode() + b"\0" + data + b"\0")
        entries.append({"file": name, "words": words, "bytes": len(data)})
    total = sum(e["words"] for e in entries)
    manifest = {
        "generator_version": GENERATOR_VERSION, "files": files, "seed": seed,
        "total_words": total, "average_words": round(total / files, 1) if files else 0,
        "min_words": min((e["words"] for e in entries), default=0),
        "max_words": max((e["words"] for e in entries), default=0),
        "total_bytes": sum(e["bytes"] for e in entries), "sha256": digest.hexdigest(),
        "articles": entries,
    }
    (out / "corpus.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return manifest


def load_manifest(out: Path, files: int, seed: int | None = None) -> dict | None:
    """The manifest of an existing, complete corpus made with these settings, else None."""
    try:
        manifest = json.loads((out / "corpus.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    seed = files if seed is None else seed
    if (manifest.get("generator_version"), manifest.get("files"), manifest.get("seed")) != (
            GENERATOR_VERSION, files, seed):
        return None
    if not all((out / e["file"]).is_file() for e in manifest["articles"]):
        return None
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", "-n", type=int, default=1000, help="number of articles [1000]")
    parser.add_argument("--out", type=Path, default=None, help="folder [benchmarks/out/corpus-N]")
    parser.add_argument("--seed", type=int, default=None, help="random seed [the number of files]")
    args = parser.parse_args(argv)
    if args.files < 1:
        parser.error("--files must be at least 1")
    out = args.out or default_out(args.files)
    manifest = generate(args.files, out, args.seed)
    print(f"wrote {manifest['files']} articles to {out}: {manifest['total_words']:,} prose words, "
          f"average {manifest['average_words']} (min {manifest['min_words']}, max {manifest['max_words']}), "
          f"sha256 {manifest['sha256'][:16]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
