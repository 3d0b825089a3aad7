#!/usr/bin/env python3
"""Generate a synthetic corpus of live-page scrapes for benchmarking `dateline ingest`.

    python3 bench/gen_corpus.py OUT_DIR MEGABYTES [--seed N] [--gzip-fraction F] [--manifest FILE]

Writes about MEGABYTES (10^6 bytes, counted before compression) of page scrapes into OUT_DIR in the
four layouts the ingester knows (timestamped, headlined, link-separated and headless), in roughly
equal shares by bytes. A fraction of the files is gzipped (`.txt.gz`).

All text is invented from templates and word pools (fictional countries, people and outlets).
Posts are unique, apart from these deliberate repeats:
  * carry-over: consecutive days of one story repeat a few posts verbatim (about 5% of post
    occurrences), so one post appears on two pages;
  * double scrapes: some pages are written twice (layout 5), once timestamped with NBSPs and once
    headlined with `?` debris and no times. Both scrapes hold most of the posts, and each loses a
    few paragraphs that the other keeps.

The output is deterministic for a given seed and size. Standard library only.
"""
import argparse
import datetime as dt
import gzip
import json
import os
import random
import sys
import time

NBSP = "\u00a0"
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
STRAIGHT = str.maketrans({"“": '"', "”": '"', "’": "'", "‘": "'"})

# --------------------------------------------------------------------------------------------
# Word pools (all invented)
# --------------------------------------------------------------------------------------------
FIRST = ("Ana Tomas Oren Petra Jonas Helena Idris Rosa Dalia Ivo Anselm Sela Mirela Fen Lior Ilka Marta "
         "Tamsin Edvin Nadia Soraya Tobias Mara Devin Kit Elif Rafael Ingrid Matteo Leona Viktor Amara "
         "Selim Hana Bruno Clara Dmitri Esther Farid Greta Hugo Imke Jasper Katya Lennart Maren Nils "
         "Olga Pavel Quentin Rhea Stellan Talia Ugo Vera Wim Xenia Yusuf Zofia Adela Benedek Cosmin "
         "Daria Emre Flora Goran Hedda Ines Jarek Kalina Luka Milena Noor Otto Priya Radek Saskia Teodor "
         "Una Vilja Walter Yara Zeno Agnes Bastian Celine Dorian Eira Filip Gisela Henrik Iwona Joaquim "
         "Kirsi Lazar Mona Nikolai Ottilie Pia Rasmus Sabine Timo Ulla Valter Wanda Aurel Björn Zoë "
         "Małgorzata Søren José Ayşe Jiří Ágnes Raúl Chloé").split()
SURN_A = ("Var Mor Kel Tan Os Bren Hal Dor Fen Lis Quin Ash Rav Sel Tor Vel Wyn Yar Zor Ell Marr Hed "
          "Lun Carr Brav Dun Ek Gald Harn Ist Jor Kov Lind Mald Nor Orv Pell Rast Sund Tal Ulm Vard "
          "Wend Ber Cal Des Frey Gorm Hask Ivar").split()
SURN_B = ("ston ley rick sen ova ard mere well ik ani ez ow berg ford ay ic ander ell ino uri stad "
          "kov ane ert holm quist anu ela ovic ton by ace ren is ette").split()
PLACE_A = ("Dun Tar Or Kel Sal Bren Mar Ves Hed Ar Low Thorn Ash Cold Iron Red Mill Stone Wolf Black "
           "Elm Fair Gal Hol Kin Lan Mor Nes Oak Pen Ros Sand Tull Um Val Wick Yel Zan Brook Crag "
           "Dal Frost Glen Harrow").split()
PLACE_B = ("mere row lek sa ford mouth by ly holm wick stead dale gate haven port bridge field ton "
           "vik grad ova ena is ar ium a en burg minde").split()
COUNTRY = ("Kestria Valmora Ostrevia Durnland Sarovia Belmark Trevonia Caldera Norvaine Estmark "
           "Halvania Lusaria Moravel Pellandia Quessia Rhovan Sundaria Tavrin Ulmaria Verenza "
           "Wexmoor Zarovia Aldessa Brenhaven Corvania").split()
OUTLETS = [("MNN", "MNN"), ("Meridian", "Meridian"), ("Northwind", "Northwind"), ("DLN", "DLN"),
           ("The Ledger", "Ledger")]
AGENCIES = ["Kestria Press Agency", "Northlight Pictures", "Meridian Photo", "Harbor Images",
            "Pool", "Handout", "Tessel/Northlight Pictures", "Reuters-style Pool/Handout"]

DISASTER = {
    "flood": dict(event=["the floods", "the flooding", "the high water", "the river floods"],
                  kind="flood", threat=["further flooding", "new breaches in the embankments",
                  "a second flood crest", "landslides on saturated slopes"],
                  resource=["sandbags", "water pumps", "rescue boats", "drinking water", "camp beds",
                            "generators", "dry food rations"],
                  work=["reinforce the embankments", "pump out flooded basements", "reach cut-off villages",
                        "clear debris from bridges", "restore power to the worst-hit districts"],
                  org=["Civil Protection Agency", "State Hydrological Office", "National Rescue Service",
                       "Water Authority", "Interior Ministry", "Red Cross"],
                  measure=["a state of emergency", "a red flood warning", "a ban on river traffic",
                           "the closure of all schools in the region"]),
    "wildfire": dict(event=["the wildfires", "the fires", "the blaze", "the fire season"], kind="fire",
                     threat=["the fire jumping the highway", "new fires in dry forest", "strong winds fanning the flames",
                             "smoke reaching the capital"],
                     resource=["water-bombing aircraft", "fire engines", "breathing masks", "evacuation buses",
                               "bottled water", "bulldozers"],
                     work=["cut firebreaks", "protect the villages on the ridge", "evacuate the coastal resorts",
                           "keep the main road open", "douse flare-ups in the pine forests"],
                     org=["Forest Fire Service", "Civil Protection Agency", "Meteorological Institute",
                          "Ministry of Environment", "National Guard", "Red Cross"],
                     measure=["a state of emergency", "a ban on outdoor fires", "the closure of national parks",
                              "an extreme fire danger warning"]),
    "storm": dict(event=["the storm", "the cyclone", "the gales", "the storm surge"], kind="storm",
                  threat=["another band of heavy rain", "coastal surges", "falling trees", "power cuts lasting days"],
                  resource=["generators", "chainsaws", "tarpaulins", "emergency shelters", "repair crews"],
                  work=["restore power lines", "clear fallen trees from the roads", "reopen the port",
                        "repair damaged roofs", "check on elderly residents"],
                  org=["Meteorological Institute", "Coast Guard", "Grid Operator", "Civil Protection Agency",
                       "Transport Ministry", "Red Cross"],
                  measure=["a storm warning", "the suspension of all ferry services", "a curfew along the coast",
                           "the closure of schools and offices"]),
    "quake": dict(event=["the earthquake", "the quake", "the aftershocks", "the tremors"], kind="earthquake",
                  threat=["strong aftershocks", "collapsing buildings", "landslides in the valleys", "a lack of shelter"],
                  resource=["search dogs", "heavy lifting gear", "field hospitals", "tents", "blood supplies"],
                  work=["search the rubble", "inspect damaged buildings", "reach mountain villages",
                        "set up tent camps", "reopen the airport"],
                  org=["Seismological Institute", "Disaster Management Authority", "Health Ministry",
                       "National Rescue Service", "Army Engineering Corps", "Red Cross"],
                  measure=["three days of national mourning", "a state of emergency", "a ban on entering damaged buildings",
                           "the mobilization of army reservists"]),
}
POLITICS = {
    "summit": dict(event=["the summit", "the talks", "the two-day meeting", "the negotiations"], kind="summit",
                   issue=["border crossings", "energy prices", "fishing rights", "grain exports", "visa rules",
                          "the shared power grid", "river water sharing", "customs checks"],
                   org=["Foreign Ministry", "Trade Ministry", "President’s Office", "Energy Ministry",
                        "Summit Secretariat", "Defense Ministry"],
                   measure=["a joint declaration", "a new trade framework", "a ceasefire extension", "a working group"]),
    "election": dict(event=["the election", "the vote", "the count", "the runoff"], kind="election",
                     issue=["turnout", "postal ballots", "the recount", "coalition talks", "the budget deficit",
                            "pension reform", "rural broadband", "housing costs"],
                     org=["Electoral Commission", "Constitutional Court", "Interior Ministry", "Observer Mission",
                          "Central Bank", "Parliament"],
                     measure=["a partial recount", "a second round", "a coalition agreement", "a caretaker government"]),
    "strike": dict(event=["the strike", "the walkout", "the dispute", "the stoppage"], kind="strike",
                   issue=["wages", "pensions", "working hours", "rail safety", "staffing levels", "overtime pay",
                          "automation", "night shifts"],
                   org=["Transport Ministry", "Rail Workers’ Union", "Labor Ministry", "Employers’ Federation",
                        "Mediation Service", "Port Authority"],
                   measure=["binding arbitration", "a temporary wage deal", "emergency timetables", "a cooling-off period"]),
}

# --------------------------------------------------------------------------------------------
# Templates. Slots are filled by Slots.__missing__; the same slot name repeats its value within
# one sentence. `off`, `off2` are (full name with title, surname, pronoun).
# --------------------------------------------------------------------------------------------
D_SENT = [
    "{off[0]} said {day} that {claim}.",
    "{off[0]} told reporters in {capital} that {claim}.",
    "“{quote},” {off[1]} said.",
    "“{quote},” {off[1]} said on {dayname}.",
    "{off[1]} said: “{quote}”",
    "“{quote},” {off[0]} told reporters in {place}. “{quote2}”",
    "More than {n_people} {people} have been {moved} since {dayname}, according to the {org}.",
    "The {org} said in a statement that {claim}.",
    "The {org} said {n_small} people had died and {n_small2} were still missing, most of them in {place}.",
    "Officials in {place} said {claim}, and urged residents to follow instructions from the {org}.",
    "Teams from {n_small} countries have arrived in {country} with {resource} and {resource2}, the {org} said.",
    "Around {n_people} {people} in {region} province are without power, the grid operator said {day}.",
    "Authorities declared {measure} in {region} province {when}, after {event} cut off {n_small} villages around {place}.",
    "Crews worked through the night to {work}, but {off[1]} warned that {threat} remained a serious risk.",
    "In {place}, a town of about {n_people} people, {people} spent the night in schools and sports halls.",
    "The government has released {money} for emergency repairs, and the {org} has asked for {resource} and {resource2}.",
    "Roads between {place} and {place2} remain closed, leaving several villages reachable only by helicopter.",
    "Forecasters at the {org} expect {threat} over the next {n_small} hours, particularly around {place}.",
    "Residents of {place} described {event} as the worst they could remember. “{quote},” said {citizen}, {age}.",
    "{citizen}, a {job} from {place}, said their family had lost almost everything in {event} within an hour.",
    "{citizen}, {age}, who runs a {shop} in {place}, said: “{quote}”",
    "The {org} has set up {n_small} shelters with room for {n_people} people in {place} and {place2}.",
    "Rail services between {capital} and {place} have been suspended until at least {dayname}, and {n_small} bridges on the line are being inspected.",
    "{off2[0]} said the army had sent {n_mid} soldiers and {n_small} helicopters to help {work}.",
    "Schools in {place} and {place2} will stay closed until {dayname}, the education ministry said, as {n_small} school buildings are being used as shelters.",
    "Insurance companies estimate the damage at {money}, although officials say the true cost will be higher.",
    "Volunteers from across {country} have driven up to {n_small} hours to reach {place} with {resource}, according to local media.",
    "The {org} has warned people in {place} and {place2} not to drink tap water until at least {dayname}.",
    "{off[1]} is due to visit {place} on {dayname} and meet families who lost their homes.",
    "The European Union said {when} it was sending {resource} and a team of {n_small} experts to {place} at the request of the government in {capital}.",
    "The United Nations said it had {n_small} staff on standby in Geneva and was ready to send them to {place} if asked.",
    "Aid groups in Geneva said {when} they were preparing to send {resource} and {n_small} specialist staff to {place}.",
    "{off2[0]} said {claim2}.",
    "It is the {ordinal} time in {n_small} years that {event} has forced mass evacuations in {region} province.",
]
P_SENT = [
    "{off[0]} said {day} that {claim}.",
    "{off[0]} told reporters in {capital} that {pclaim}.",
    "“{pquote},” {off[1]} said.",
    "“{pquote},” {off[1]} told reporters on {dayname}.",
    "{off[1]} said: “{pquote}”",
    "“{pquote},” {off[0]} told reporters in {place}. “{pquote2}”",
    "The {org} said in a statement that {pclaim}.",
    "Delegations from {n_small} countries are expected in {capital} by {dayname}, the {org} said.",
    "{off2[0]} said {pclaim2}.",
    "Negotiators spent much of {dayname} in {place} discussing {issue}, according to officials familiar with the talks.",
    "A draft seen by reporters mentions {issue} and {issue2} but sets no deadline for {measure}.",
    "Opposition leader {citizen} accused the government of {accusation}.",
    "Polls published {day} suggest that {issue} remains the top concern for {pct}% of voters in {place}.",
    "Around {n_people} people marched through central {capital} on {dayname} to demand {demand}.",
    "The {org} estimated the cost of {event} at {money} so far.",
    "Talks are due to resume on {dayname} in {place}, the {org} said.",
    "Analysts in {capital} said a deal on {issue} would be difficult before {measure} is agreed, perhaps not until {dayname}.",
    "{citizen}, a {job} from {place}, said: “{pquote}”",
    "Officials said most of the {n_small} points on the agenda had been settled, but not {issue}.",
    "The United Nations welcomed the talks in {place} and urged both sides to agree on {measure} before {dayname}.",
    "{off[1]} is expected to travel to Geneva on {dayname} for further meetings on {issue}.",
    "Markets reacted calmly, with the {currency} little changed at {fx} against the euro on {dayname}.",
]
CLAIM = [
    "{people} in {place} should be ready to leave at short notice",
    "the situation in {place} was serious but under control",
    "{n_small} more rescue teams would arrive by the end of the week",
    "supplies of {resource} were running low in parts of {region} province",
    "it was too early to estimate the full cost of {event}",
    "nobody would be allowed back into {place} until engineers had checked every building",
    "the government would cover the cost of temporary housing for everyone forced out of their homes",
    "{threat} could not be ruled out before {dayname}",
    "the number of people in emergency shelters had risen to {n_people}",
    "crews had managed to {work} despite difficult conditions",
    "an inquiry would examine whether warnings had reached {place} in time",
    "the army would stay in {region} province for as long as it was needed",
    "{resource} had been flown into {place} overnight",
]
PCLAIM = [
    "progress had been made on {issue} but not on {issue2}",
    "no agreement was expected before {dayname}",
    "the delegation would return to {capital} on {dayname}",
    "the government was ready to compromise on {issue}",
    "{measure} was still possible if both sides showed flexibility",
    "the {org} would publish its findings on {issue} by the end of the month",
    "talks on {issue} had broken down late on {dayname}",
    "a final decision on {issue} would be taken by parliament",
    "the government had not been consulted about {issue2}",
    "turnout in {region} province had been higher than expected",
]
QUOTE = [
    "We are doing everything we can to {work}",
    "Nobody in {place} will be left without help",
    "This is the worst {kind} we have seen in a generation",
    "Our teams have been working around the clock, and they will keep going",
    "I want to thank every volunteer who came to {place} this week",
    "The next {n_small} hours will be critical",
    "We will rebuild, but first we have to get people to safety",
    "People have lost everything, and they need answers as well as blankets",
    "We were told to leave at midnight, and we left with nothing",
    "I have lived here all my life and I have never seen anything like it",
    "There is no shortage of goodwill, but there is a shortage of {resource}",
    "Please stay away from the danger zone and listen to the rescue services",
    "We knew this could happen one day, and now it has",
]
PQUOTE = [
    "We came here to listen, not to lecture",
    "There is a deal to be made on {issue}, but not at any price",
    "Nobody should expect miracles by {dayname}",
    "The door remains open, and we hope the other side walks through it",
    "Our priority is {issue}, and that has not changed",
    "Voters have sent a clear message, and we have heard it",
    "This is a good day for {country}",
    "We will not sign anything that our parliament cannot support",
    "The talks were difficult but honest",
    "People are tired of promises about {issue}",
]
ACCUSATION = ["hiding the real cost of the agreement", "ignoring rural voters", "giving away too much on {issue}",
              "delaying the publication of the draft", "using the crisis to postpone reforms"]
DEMAND = ["higher wages", "a new vote", "cheaper energy", "an end to the talks", "action on {issue}"]
JOBS = ["teacher", "nurse", "farmer", "bus driver", "pharmacist", "retired engineer", "shop owner", "student",
        "carpenter", "café owner", "firefighter", "fisherman", "baker", "social worker"]
SHOPS = ["bakery", "hardware store", "pharmacy", "café", "small hotel", "garage", "bookshop", "butcher’s shop"]
PEOPLE = ["residents", "people", "families", "villagers", "households", "tourists", "patients", "pensioners"]
MOVED = ["evacuated", "moved to shelters", "forced from their homes", "rescued by boat or helicopter", "relocated"]
TITLES_D = ["Interior Minister", "Prime Minister", "President", "Defense Minister", "Health Minister",
            "Mayor", "Regional Governor", "Gen.", "Fire Chief", "Civil Protection chief",
            "Transport Minister", "Environment Minister", "Finance Minister", "Col."]
TITLES_P = ["Foreign Minister", "Prime Minister", "President", "Trade Minister", "Finance Minister",
            "Chief negotiator", "Labor Minister", "Speaker", "Energy Minister", "Opposition leader",
            "Ambassador", "Deputy Prime Minister"]
ORDINALS = ["second", "third", "fourth", "fifth"]

D_HEAD = [
    "{off[0]} orders evacuation of {place} as {event} worsens",
    "{n_people} {people} {moved} in {region} province, officials say",
    "What we know about {event} in {place} so far",
    "{org_cap} warns of {threat} around {place}",
    "Rescue teams reach {n_small} cut-off villages near {place}",
    "{place} mayor: “{quote_short}”",
    "Army sends {n_small} helicopters to {region} province",
    "{country} declares {measure} in {n_small} provinces",
    "Death toll from {event} rises to {n_small}",
    "Rail links between {place} and {place2} suspended for {n_small} days",
    "{org_cap} opens {n_small} shelters in {place} and {place2}",
    "Residents of {place} count the cost of {event}",
    "EU sends {resource} to {place} after {country} asks for help",
    "Why {place} is so exposed to {event}",
    "{off[0]}: “{quote_short}”",
    "Crews race to {work} near {place} before nightfall",
    "{n_people} homes without power in {place} after {event}",
    "Volunteers flock to {place} with {resource}",
    "Schools in {place} to stay closed until {dayname}",
    "Inquiry ordered into warnings before {event} hit {place}",
    "Water supply cut to {n_people} homes in {place}",
    "{off2[0]} visits {place} and promises rebuilding funds",
    "Photos: The damage in {place} and {place2} seen from the air",
    "Neighbors send {resource} to {place} as {country} asks for help",
]
P_HEAD = [
    "{off[0]} says {pclaim}",
    "Talks on {issue} stall as {event} enters {ordinal} day",
    "What we know about {event} in {place} so far",
    "{org_cap} to publish findings on {issue} by {dayname}",
    "{off[0]}: “{pquote_short}”",
    "Thousands march in {place} over {issue}",
    "Delegations from {n_small} countries arrive in {capital}",
    "Draft deal mentions {issue} and {issue2} but sets no deadline",
    "Opposition leader {citizen} accuses government of {accusation}",
    "{country} and {n_small} neighbors agree to set up working group on {issue}",
    "Analysis: Why {issue} could decide {event}",
    "{place} voters say {issue} matters most",
    "Markets shrug off uncertainty over {event} as {currency} holds at {fx}",
    "{off2[0]} meets rivals in {place} to discuss {issue}",
    "UN urges agreement on {measure} before {dayname}",
    "Talks to resume in {place} on {dayname}",
]
CAPTION = [
    "{people_cap} wait for buses at an evacuation point in {place}, {country}, on {datecap}.",
    "A rescue team carries supplies through a damaged street in {place}, {country}, on {datecap}.",
    "{off[0]} speaks during a news conference in {capital}, {country}, on {datecap}.",
    "Volunteers sort donated {resource} at a sports hall in {place}.",
    "An aerial view shows damage in {place}, {country}, on {datecap}.",
    "Delegates arrive for talks in {place}, {country}, on {datecap}.",
    "Soldiers unload {resource} from a helicopter near {place} on {datecap}.",
    "Residents clear debris from a street in {place}, {country}, on {datecap}.",
    "{off[0]} arrives at a meeting in {place}.",
    "Protesters gather outside the town hall in {place}, {country}, on {datecap}.",
]
TITLE_T = ["The latest on {event} in {country}", "{Event} in {country}: Live updates",
           "{country} {kind}: Latest news", "Live updates: {event} in {region} province",
           "The latest on the {country} {kind}"]
STATUS_T = ["Our live coverage has ended for the day. Read more about {event} here.",
            "Our live coverage has moved. Head here for the latest updates on {event}.",
            "The live coverage has ended. Follow the latest on {event} here.",
            "Our live coverage has ended for the day. Follow the latest on the {country} {kind} here."]
STATUS3_T = ["Live coverage has ended. Read more about {event} here.",
             "Live coverage has ended. Follow the latest on the {country} {kind} here."]
STATUS4_T = ["Our coverage has ended for today. Follow the newest updates here.",
             "Our coverage of {event} has ended for the day. Read the latest here."]
SUMMARY_HEAD = ["Where things stand", "What we covered here", "What you need to know", "What we know"]
CLOSERS = ["Read the full story here.", "Read more here.", "Read the full story:", "Read more about {event} here."]


class Story:
    """One ongoing story: a country, a cast, a topic, and a run of daily pages."""

    def __init__(self, rng, serial):
        self.rng = rng
        fam = rng.random()
        if fam < 0.65:
            self.topic = rng.choice(list(DISASTER))
            self.t = DISASTER[self.topic]
            self.family = "d"
        else:
            self.topic = rng.choice(list(POLITICS))
            self.t = POLITICS[self.topic]
            self.family = "p"
        self.country = rng.choice(COUNTRY)
        self.places = list({self.place_name() for _ in range(14)})
        self.places.sort()
        rng.shuffle(self.places)
        self.capital = self.places[0]
        self.region = self.place_name()
        titles = TITLES_D if self.family == "d" else TITLES_P
        self.cast = []
        for _ in range(rng.randint(8, 14)):
            last = self.surname()
            title = rng.choice(titles)
            first = rng.choice(FIRST)
            self.cast.append((f"{title} {first} {last}", last))
        self.orgs = [f"{self.country} {o}" if rng.random() < 0.3 else o for o in self.t["org"]]
        self.outlet = rng.choice(OUTLETS)
        self.reporters = [f"{rng.choice(FIRST)} {self.surname()}" for _ in range(8)]
        self.photographers = [f"{rng.choice(FIRST)} {self.surname()}" for _ in range(5)]
        self.serial = serial
        start = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(4 * 365))
        self.day = start
        self.days_left = rng.randint(1, 6)
        self.carry = []
        self.curly = rng.random() < 0.85
        self.currency = rng.choice(["krona", "mark", "crown", "dinar", "lev", "franc"])

    def surname(self):
        r = self.rng
        return r.choice(SURN_A) + r.choice(SURN_B)

    def place_name(self):
        r = self.rng
        return r.choice(PLACE_A) + r.choice(PLACE_B)


class Slots(dict):
    """format_map mapping that draws a fresh random value for each missing slot."""

    __slots__ = ("s", "r", "day")

    def __missing__(self, key):
        s, r = self.s, self.r
        t = s.t
        if key in ("off", "off2"):
            v = r.choice(s.cast)
        elif key in ("place", "place2"):
            v = r.choice(s.places)
        elif key == "capital":
            v = s.capital
        elif key == "region":
            v = s.region
        elif key == "country":
            v = s.country
        elif key == "org":
            v = r.choice(s.orgs)
        elif key == "org_cap":
            o = r.choice(s.orgs)
            v = o[0].upper() + o[1:]
        elif key in ("n_people",):
            v = f"{r.randint(120, 98000):,}"
        elif key == "when":
            v = r.choice(["overnight", "on " + WEEKDAYS[self.day.weekday()] + " morning", "before dawn",
                          "late on " + WEEKDAYS[self.day.weekday()], "by midday", "in the early afternoon",
                          "within hours", "on " + WEEKDAYS[self.day.weekday()]])
        elif key == "fx":
            v = f"{r.randint(1, 30)}.{r.randint(0, 99):02d}"
        elif key == "pct":
            v = str(r.randint(18, 71))
        elif key == "n_mid":
            v = f"{r.randint(120, 4800):,}"
        elif key in ("n_small", "n_small2"):
            v = str(r.randint(2, 64))
        elif key == "money":
            v = r.choice([f"{r.randint(12, 950)} million {s.currency}", f"${r.randint(2, 900)} million",
                          f"€{r.randint(1, 40)}.{r.randint(1, 9)} billion"])
        elif key == "day":
            v = r.choice(["on " + WEEKDAYS[self.day.weekday()], WEEKDAYS[self.day.weekday()], "late on " +
                          WEEKDAYS[self.day.weekday()], "earlier today", "this morning", "this afternoon"])
        elif key == "dayname":
            v = WEEKDAYS[(self.day.weekday() + r.randint(-2, 3)) % 7]
        elif key == "datecap":
            d = self.day
            v = (f"{MONTHS[d.month - 1]} {d.day}" if r.random() < 0.6
                 else f"{WEEKDAYS[d.weekday()]}, {MONTHS[d.month - 1]} {d.day}, {d.year}")
        elif key in ("event",):
            v = r.choice(t["event"])
        elif key == "Event":
            e = r.choice(t["event"])
            e = e[4:] if e.startswith("the ") else e
            v = e[0].upper() + e[1:]
        elif key == "kind":
            v = t["kind"]
        elif key in ("threat",):
            v = r.choice(t.get("threat", ["further delays"]))
        elif key in ("resource", "resource2"):
            v = r.choice(t.get("resource", ["documents"]))
        elif key == "work":
            v = r.choice(t.get("work", ["reach an agreement"]))
        elif key == "measure":
            v = r.choice(t["measure"])
        elif key in ("issue", "issue2"):
            v = r.choice(t.get("issue", ["reconstruction funding", "insurance payouts", "flood defenses"]))
        elif key in ("people",):
            v = r.choice(PEOPLE)
        elif key == "people_cap":
            v = r.choice(PEOPLE).capitalize()
        elif key == "moved":
            v = r.choice(MOVED)
        elif key == "citizen":
            v = f"{r.choice(FIRST)} {s.surname()}"
        elif key == "age":
            v = str(r.randint(19, 88))
        elif key == "job":
            v = r.choice(JOBS)
        elif key == "shop":
            v = r.choice(SHOPS)
        elif key == "ordinal":
            v = r.choice(ORDINALS)
        elif key == "currency":
            v = s.currency
        elif key in ("claim", "claim2"):
            v = r.choice(CLAIM if s.family == "d" else PCLAIM).format_map(self.sub())
        elif key in ("pclaim", "pclaim2"):
            v = r.choice(PCLAIM).format_map(self.sub())
        elif key in ("quote", "quote2"):
            q = r.choice(QUOTE if s.family == "d" else PQUOTE).format_map(self.sub())
            v = q + r.choice([".", ". " + r.choice(QUOTE if s.family == "d" else PQUOTE).format_map(self.sub()) + "."])
        elif key in ("pquote", "pquote2"):
            q = r.choice(PQUOTE).format_map(self.sub())
            v = q + r.choice([".", ". " + r.choice(PQUOTE).format_map(self.sub()) + "."])
        elif key in ("quote_short",):
            v = r.choice(QUOTE).format_map(self.sub())
        elif key in ("pquote_short",):
            v = r.choice(PQUOTE).format_map(self.sub())
        elif key == "accusation":
            v = r.choice(ACCUSATION).format_map(self.sub())
        elif key == "demand":
            v = r.choice(DEMAND).format_map(self.sub())
        else:
            raise KeyError(key)
        if key[-1] == "2" and self.get(key[:-1]) == v:
            return self.__missing__(key)  # a second slot of a kind differs from the first
        self[key] = v
        return v

    def sub(self):
        x = Slots()
        x.s, x.r, x.day = self.s, self.r, self.day
        return x


def slots(story, rng, day):
    x = Slots()
    x.s, x.r, x.day = story, rng, day
    return x


def fix_comma_quotes(text):
    # “…,” form needs the quote to end without a period; the generator marks with ".,”"
    return text.replace(".,”", ",”").replace("?,”", "?”")


class Post:
    __slots__ = ("uid", "time", "headline", "byline", "image", "paras", "contrib", "carried", "clean")


class Gen:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.headlines = set()
        self.uid = 0
        self.serial = 0

    # ---- text units -------------------------------------------------------------------------
    def sentence(self, story, day):
        r = self.rng
        tpl = r.choice(D_SENT if story.family == "d" else P_SENT)
        return fix_comma_quotes(tpl.format_map(slots(story, r, day)))

    def paragraph(self, story, day):
        r = self.rng
        n = 1 if r.random() < 0.45 else (2 if r.random() < 0.75 else 3)
        return " ".join(self.sentence(story, day) for _ in range(n))

    def headline(self, story, day):
        r = self.rng
        for attempt in range(8):
            tpl = r.choice(D_HEAD if story.family == "d" else P_HEAD)
            h = fix_comma_quotes(tpl.format_map(slots(story, r, day)))
            h = h[0].upper() + h[1:]
            if attempt >= 4:
                h += r.choice([", officials say", " as night falls", " in " + r.choice(story.places),
                               ", reports say", " on " + WEEKDAYS[day.weekday()]])
            if h not in self.headlines:
                self.headlines.add(h)
                return h
        h = f"{h} ({self.uid})"
        self.headlines.add(h)
        return h

    def make_post(self, story, day, when):
        r = self.rng
        p = Post()
        self.uid += 1
        p.uid = self.uid
        p.time = when
        p.carried = False
        p.clean = False
        p.headline = self.headline(story, day)
        p.byline = None
        if r.random() < 0.55:
            out = story.outlet[0]
            a = r.sample(story.reporters, r.choice([1, 1, 2, 2, 3]))
            ap = r.choice(["’s", "'s"])
            names = a[0] if len(a) == 1 else ", ".join(a[:-1]) + " and " + a[-1]
            form = r.random()
            if form < 0.12:
                p.byline = f"Analysis from {out}{ap} {a[0]}"
            elif form < 0.35:
                p.byline = f"From {out}{ap} {a[0]} in {r.choice(story.places)}"
            else:
                p.byline = f"From {out}{ap} {names}"
        p.image = None
        if r.random() < 0.4:
            cap = r.choice(CAPTION).format_map(slots(story, r, day))
            cred = r.choice([f"{r.choice(story.photographers)}/{r.choice(AGENCIES)}", r.choice(AGENCIES),
                             "Getty Images", f"{r.choice(story.photographers)}/{story.outlet[1]}"])
            p.image = (cap, cred)
        paras = [self.paragraph(story, day) for _ in range(r.randint(2, 8))]
        x = r.random()
        if x < 0.06:
            k = r.randint(1, len(paras))
            paras.insert(k, "Here’s what you need to know:")
            for j in range(r.randint(2, 4)):
                paras.insert(k + 1 + j, "  • " + self.sentence(story, day))
        elif x < 0.24:
            paras.append(r.choice(CLOSERS).format_map(slots(story, r, day)))
        p.paras = paras
        p.contrib = None
        if r.random() < 0.2:
            c = r.sample(story.reporters, r.choice([1, 2, 2, 3]))
            names = c[0] if len(c) == 1 else ", ".join(c[:-1]) + " and " + c[-1]
            pre = r.choice([f"{story.outlet[0]}’s ", f"{story.outlet[0]}'s ", ""])
            p.contrib = f"{pre}{names} contributed reporting to this post."
        return p

    # ---- pages ------------------------------------------------------------------------------
    def make_page(self, story):
        r = self.rng
        day = story.day
        n = r.randint(20, 60)
        carried = story.carry  # the previous page's newest posts become this page's oldest
        for p in carried:
            p.carried = True
        # times: newest first, going back from late evening
        t = dt.datetime(day.year, day.month, day.day, r.randint(17, 23), r.randint(0, 59))
        fresh = n - len(carried)
        step = max(4, (t.hour * 60 + t.minute - 30) * 2 // fresh)  # stay on the page's day
        posts = []
        for _ in range(fresh):
            posts.append(self.make_post(story, day, t))
            t -= dt.timedelta(minutes=r.randint(2, step))
            if t.date() != day:
                t = dt.datetime(day.year, day.month, day.day, 0, 0)
        # carried posts keep their original times (the previous evening), so they stay oldest
        posts.extend(carried)
        # choose now which of this page's newest posts the next day's page repeats; those posts are
        # rendered without random debris so that both copies are verbatim
        story.carry = posts[:r.choice([0, 1, 1, 2, 2, 3])] if story.days_left > 1 else []
        for p in story.carry:
            p.clean = True
        # an occasional out-of-order time, as on real pages
        if len(posts) > 6 and r.random() < 0.3:
            i = r.randint(1, len(posts) - 3)
            if not posts[i].carried and not posts[i + 1].carried:
                posts[i].time, posts[i + 1].time = posts[i + 1].time, posts[i].time
        sl = slots(story, r, day)
        page = dict(
            story=story, day=day, posts=posts, carried=len(carried),
            title=r.choice(TITLE_T).format_map(sl),
            summary=[self.sentence(story, day) for _ in range(r.randint(2, 5))],
            status=r.choice(STATUS_T).format_map(sl),
            status3=r.choice(STATUS3_T).format_map(sl),
            status4=r.choice(STATUS4_T).format_map(sl),
            head=r.choice(SUMMARY_HEAD),
            curly=story.curly,
            nbsp_rate=r.choice([0.0, 0.02, 0.05, 0.12]),
            zone="ET",
            video=self.headline(story, day),
        )
        story.day = day + dt.timedelta(days=1)
        story.days_left -= 1
        return page


# --------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------
def fmt_time(t, zone):
    h = t.hour % 12 or 12
    ampm = "a.m." if t.hour < 12 else "p.m."
    return f"{h}:{t.minute:02d} {ampm} {zone}, {MONTHS[t.month - 1]} {t.day}, {t.year}"


def inject_nbsp(text, r, rate):
    """Replace a few spaces with NBSP; rate is the chance per paragraph."""
    if rate == 0.0 or r.random() > rate * 4:
        return text
    for _ in range(r.randint(1, 3)):
        i = text.find(" ", r.randrange(len(text)))
        if i < 0:
            break
        text = text[:i] + NBSP + text[i + 1:]
    return text


def style(text, page):
    return text if page["curly"] else text.translate(STRAIGHT)


def render_timestamped(page, r, drop=None, keep=None):
    """Layout 1. `keep` limits to a subset of posts; `drop` maps uid -> paragraph index to lose."""
    L = []
    if r.random() < 0.7:
        L += ["Stay Updated on Developing Stories", ""]
    L += [page["title"], "", page["head"], ""]
    rate = page["nbsp_rate"]
    L += ["  • " + style(inject_nbsp(b, r, rate), page) for b in page["summary"]]
    L.append(page["status"])
    count = 0
    for p in page["posts"]:
        if keep is not None and p.uid not in keep:
            continue
        count += 1
        L += [fmt_time(p.time, page["zone"]), ""]
        h = style(p.headline, page)
        if not p.clean and r.random() < 0.08:
            h += NBSP + " "
        L += [h, ""]
        if p.image:
            cap, cred = p.image
            u = r.random()
            if u < 0.5:
                L += [cap + " (" + cred + ")", ""]
            elif u < 0.85:
                L += [cap, "", "(" + cred + ")", ""]
            else:
                L += ["(" + cred + ")", ""]
        lost = drop.get(p.uid) if drop else None
        paras = [q for j, q in enumerate(p.paras) if j != lost]
        for j, q in enumerate(paras):
            L.append(style(q if p.clean else inject_nbsp(q, r, rate), page))
            if j < len(paras) - 1 and r.random() > 0.04:
                L.append("")
        if p.contrib:
            L += ["", style(p.contrib, page)]
        u = r.random()
        if u < 0.08:
            L += ["", r.choice([NBSP, NBSP + " ", " "]), ""]
        elif u < 0.55:
            L.append("")
    if r.random() < 0.5:
        L += ["", "Outbrain"]
    return "\n".join(L) + "\n", count


def debris_lines(page, r):
    s = page["story"]
    d = page["day"] - dt.timedelta(days=r.randint(0, 2))
    slug = "-".join(page["video"].lower().replace("’", "").replace("“", "").replace("”", "")
                    .replace(":", "").replace(",", "").replace("'", "").replace('"', "").split()[:8])
    stamp = f"{d.year % 100:02d}{d.month:02d}{d.day:02d}{r.randint(0, 235959):06d}"
    out = s.outlet[1].lower()
    img = f"https://media.{out}.example/api/v1/images/prod/{stamp}-{slug}.jpg?c=16x9&q=h_540,w_960,c_fill"
    return [
        f'- Source: {s.outlet[0]} " data-fave-thumbnails="{{"big": {{ "uri": "{img}" }}, "small": {{ "uri": "{img}" }} }}" data-vr-video="false" data-show-html=" {s.outlet[0]} Tonight " data-byline-html="',
        f'" data-check-event-based-preview="" data-timestamp-html="" data-is-vertical-video-embed="false" data-network-id="" data-publish-date="{d.isoformat()}T{r.randint(0, 23):02d}:{r.randint(0, 59):02d}:{r.randint(0, 59):02d}Z" data-video-section="world" data-canonical-url="https://www.{out}.example/videos/world/{d.year}/{d.month:02d}/{d.day:02d}/{slug}-vpx.{out}" data-branding-key="" data-video-slug="{slug}-vpx" data-first-publish-slug="{slug}-vpx" data-video-tags="{page["story"].topic},world" data-details="">',
    ]


def render_headlined(page, r, drop=None, keep=None):
    """Layout 2: no times, `?` where NBSPs were, declared count, GO DEEPER footer."""
    s = page["story"]
    rate = page["nbsp_rate"] or 0.02

    def q(text):
        return style(inject_nbsp(text, r, rate), page).replace(NBSP, "?")

    posts = [p for p in page["posts"] if keep is None or p.uid in keep]
    L = []
    if r.random() < 0.4:
        L += [page["title"] + f": Live updates | {s.outlet[0]}", "", "Live Updates", ""]
    L += [page["title"], ""]
    if r.random() < 0.7:
        L += debris_lines(page, r)
    d = page["day"]
    L += [f"{s.places[1].lower()} {s.topic} {d.month:02d}.{d.day:02d}.{d.year % 100:02d}",
          style(page["video"], page), f"{r.randint(0, 9):02d}:{r.randint(0, 59):02d} - Source: {s.outlet[0]}", ""]
    L += [page["head"], ""]
    L += ["  • " + q(b) for b in page["summary"]]
    L += ["", page["status"], "", f"{len(posts)} Posts", ""]
    for p in posts:
        h = style(p.headline, page)
        if not p.clean and r.random() < 0.06:
            h += "?"
        L += [h, ""]
        if p.image and r.random() < 0.8:
            cap, cred = p.image
            L += [cap + (" (" + cred + ")" if r.random() < 0.4 else ""), ""]
        lost = drop.get(p.uid) if drop else None
        for j, para in enumerate(p.paras):
            if j != lost:
                L += [style(para, page) if p.clean else q(para), ""]
        if p.contrib:
            L += [style(p.contrib, page), ""]
    links = [style(p.headline, page) for p in r.sample(page["posts"], min(5, len(page["posts"])))]
    word = r.choice(["GO DEEPER", "Go Deeper"])
    for _ in range(2):
        L += [word, ""] + links + [""]
    return "\n".join(L).rstrip("\n") + "\n", len(posts)


def render_link_separated(page, r):
    """Layout 3: one line per paragraph, bylines, `Link Copied!` (occasionally missing)."""
    rate = page["nbsp_rate"]
    L = [style(b, page) for b in page["summary"]]
    L += [page["status3"], f"{len(page['posts'])} Posts"]
    posts = page["posts"]
    for i, p in enumerate(posts):
        L.append(style(p.headline, page))
        if p.byline:
            L.append(p.byline)
        if p.image:
            L += [p.image[0], "(" + p.image[1] + ")"]
        for para in p.paras:
            L.append(style(para if p.clean else inject_nbsp(para, r, rate), page))
        if p.contrib:
            L.append(style(p.contrib, page))
        nxt_has_byline = i + 1 < len(posts) and posts[i + 1].byline is not None
        if not ((nxt_has_byline or i + 1 == len(posts)) and r.random() < 0.15):
            L.append("Link Copied!")
    return "\n".join(L) + "\n", len(posts)


def render_headless(page, r):
    """Layout 4: no headlines; captions twice; closers and contributor lines end posts."""
    s = page["story"]
    rate = page["nbsp_rate"]
    d = page["day"]
    L = ["Select Page", "", page["title"], "", page["title"], "", style(page["video"], page), "",
         f"{r.randint(0, 9):02d}:{r.randint(0, 59):02d}", ""]
    L += ["  • " + style(b, page) for b in page["summary"]]
    L += ["", page["status4"], ""]
    # A headless post can only be told apart when it opens with a (doubled) caption or the post
    # before it ends with a closing line; count how many such boundaries the page offers.
    detectable, prev_closed = 0, True
    for p in page["posts"]:
        if p.image or prev_closed:
            detectable += 1
        prev_closed = bool(p.contrib) or p.paras[-1].startswith("Read ")
        if p.image:
            cap, cred = p.image
            L += [cap, "", cap, "", (NBSP + " " if r.random() < 0.1 else "") + "(" + cred + ")", ""]
        for para in p.paras:
            L += [style(para if p.clean else inject_nbsp(para, r, rate), page), ""]
        if p.contrib:
            L += [style(p.contrib, page), ""]
    slug = f"{s.country.lower()}-{s.topic}-news-{d.month:02d}-{d.day:02d}-{d.year % 100:02d}"
    L.append(f"Source: https://www.{s.outlet[1].lower()}.example/world/live-news/{slug}/h_{r.getrandbits(128):032x}")
    page["detectable"] = detectable
    return "\n".join(L) + "\n", len(page["posts"])


LAYOUTS = ["timestamped", "headlined", "link-separated", "headless"]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir")
    ap.add_argument("megabytes", type=float)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--gzip-fraction", type=float, default=0.15)
    ap.add_argument("--double-scrape-fraction", type=float, default=0.03)
    ap.add_argument("--manifest", help="write per-file ground truth as JSON to this path (outside OUT_DIR)")
    a = ap.parse_args(argv)

    t0 = time.time()
    target = int(a.megabytes * 1_000_000)
    os.makedirs(a.out_dir, exist_ok=True)
    g = Gen(a.seed)
    r = g.rng
    active = []
    layout_bytes = {k: 0 for k in LAYOUTS}
    total_raw = total_disk = files = pages = occurrences = 0
    unique = set()
    manifest = []

    def write(text, layout, page, nposts, scrape_of=None):
        nonlocal total_raw, total_disk, files, occurrences
        data = text.encode("utf-8")
        gz = r.random() < a.gzip_fraction
        name = f"{files:06d}_{r.getrandbits(64):016x}.txt" + (".gz" if gz else "")
        if gz:
            blob = gzip.compress(data, compresslevel=6, mtime=0)
        else:
            blob = data
        with open(os.path.join(a.out_dir, name), "wb") as f:
            f.write(blob)
        files += 1
        total_raw += len(data)
        total_disk += len(blob)
        layout_bytes[layout] += len(data)
        occurrences += nposts
        if a.manifest is not None:
            manifest.append(dict(file=name, layout=layout, posts=nposts, date=page["day"].isoformat(),
                                 page=page["id"], gzip=gz, carried=page["carried"], same_page_as=scrape_of))
            if layout == "headless":
                manifest[-1]["detectable_posts"] = page["detectable"]
        return name

    while total_raw < target:
        while len(active) < 8:
            g.serial += 1
            active.append(Story(r, g.serial))
        story = r.choice(active)
        page = g.make_page(story)
        if story.days_left <= 0:
            active.remove(story)
        pages += 1
        page["id"] = pages
        for p in page["posts"]:
            unique.add(p.uid)
        if r.random() < a.double_scrape_fraction:
            # layout 5: the same page scraped twice; each scrape loses a few paragraphs the other keeps
            posts = page["posts"]
            keep_b = {p.uid for p in posts}
            for p in r.sample(posts, max(1, len(posts) // 8)):
                keep_b.discard(p.uid)  # the headlined scrape misses some posts (a subset)
            multi = [p for p in posts if len(p.paras) >= 3 and not p.clean]
            lost_a, lost_b = {}, {}
            for p in r.sample(multi, min(len(multi), 4)):
                (lost_a if r.random() < 0.5 else lost_b)[p.uid] = r.randrange(len(p.paras))
            text, n = render_timestamped(page, r, drop=lost_a)
            first = write(text, "timestamped", page, n)
            text, n = render_headlined(page, r, drop=lost_b, keep=keep_b)
            write(text, "headlined", page, n, scrape_of=first)
            continue
        layout = min(LAYOUTS, key=lambda k: layout_bytes[k] + r.random() * 200_000)
        text, n = {"timestamped": render_timestamped, "headlined": render_headlined,
                   "link-separated": render_link_separated, "headless": render_headless}[layout](page, r)
        write(text, layout, page, n)

    if a.manifest:
        with open(a.manifest, "w", encoding="utf-8") as f:
            json.dump(dict(seed=a.seed, megabytes=a.megabytes, files=files, bytes=total_raw,
                           bytes_on_disk=total_disk, pages=pages, post_occurrences=occurrences,
                           unique_posts=len(unique), layout_bytes=layout_bytes, entries=manifest), f, indent=1)
    secs = time.time() - t0
    print(f"files={files} bytes={total_raw} on_disk={total_disk} pages={pages} posts={occurrences} "
          f"unique_posts={len(unique)} repeated={occurrences - len(unique)} "
          f"layout_MB={'/'.join(f'{k}:{v / 1e6:.1f}' for k, v in layout_bytes.items())} "
          f"seconds={secs:.1f}")


if __name__ == "__main__":
    sys.exit(main())
