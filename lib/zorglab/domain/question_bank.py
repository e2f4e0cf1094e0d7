"""The lessons' multiple-choice questions (lessons 2-5): every option says why it is (not) right.

The bank is content: each question and option with its explanation in Dutch and English side by side (translated
lesson content, like the case library in ``case_text``, not UI words).
The check's own sentences ('right:', 'you missed') are in the catalogue (``messages/feedback.toml``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from zorglab.domain.feedback import Content, Feedback, feedback_of, line


@dataclass(frozen=True)
class Option:
    key: str
    nl: str
    en: str
    correct: bool
    why_nl: str
    why_en: str

    def label(self, language: str = "nl") -> str:
        return self.en if language == "en" else self.nl


@dataclass(frozen=True)
class Question:
    """A question with one or more right options; every option explains why it is (not) right."""

    key: str
    prompt_nl: str
    prompt_en: str
    options: tuple[Option, ...]

    def prompt(self, language: str = "nl") -> str:
        return self.prompt_en if language == "en" else self.prompt_nl

    def choices(self, language: str = "nl") -> dict[str, str]:
        """Label -> option key, as Panel selection widgets want it."""
        return {o.label(language): o.key for o in self.options}


def check_choice(question: Question, selected: Iterable[str]) -> Feedback:
    """Every chosen wrong option and every missed right option is named, with the reason."""
    chosen = set(selected or ())
    keys = {o.key for o in question.options}
    lines = [line(False, "choice_not_an_option", key=k) for k in sorted(chosen - keys)]
    if not chosen:
        return feedback_of([line(False, "choice_none")])
    for o in question.options:
        option, why = Content(o.nl, o.en), Content(o.why_nl, o.why_en)
        if o.key in chosen and o.correct:
            lines.append(line(True, "choice_right", option=option, why=why))
        elif o.key in chosen:
            lines.append(line(False, "choice_wrong", option=option, why=why))
        elif o.correct:
            lines.append(line(False, "choice_missed", option=option, why=why))
    return feedback_of(lines)


QUESTIONS: dict[str, Question] = {q.key: q for q in (
    Question("av_risks",
             "Welke risico's horen bij een algemene voorziening die als lumpsum aan een consortium wordt betaald?",
             "Which risks come with a general provision paid to a consortium as a lump sum?", (
        Option("onderbehandeling", "Onderbehandeling: te weinig hulp per deelnemer", "Under-treatment: too little help per participant",
               True, "elk uur dat niet geleverd wordt is marge voor het consortium.",
               "every hour not delivered is margin for the consortium."),
        Option("wachtlijst", "Wachtlijsten of een vol inloophuis", "Waiting lists or a full drop-in centre", True,
               "een extra deelnemer levert onder een vast budget niets op.", "under a fixed budget an extra participant earns nothing."),
        Option("aanbodgestuurd", "Aanbodgestuurde zorg: meer uren dan nodig", "Supply-induced demand: more hours than needed", False,
               "dat is de prikkel van P x Q; onder een lumpsum kosten extra uren alleen geld.",
               "that is the P x Q incentive; under a lump sum extra hours only cost money."),
        Option("zwaardere_vraag", "Cliënten die meer nodig hebben vallen tussen wal en schip",
               "Clients who need more fall through the cracks", True,
               "zonder indicatie ziet niemand dat iemand meer nodig heeft; regel een route naar maatwerk.",
               "without an assessment nobody notices that someone needs more; arrange a route to individual support."),
        Option("meer_administratie", "Meer declaraties per cliënt", "More invoices per client", False,
               "een lumpsum vraagt een paar verantwoordingsrapportages per jaar, geen declaratie per cliënt.",
               "a lump sum needs a few accountability reports a year, not an invoice per client."),
    )),
    Question("av_more_participants",
             "Door de vrije toegang komen er meer deelnemers naar de algemene voorziening dan verwacht. Wat gebeurt er?",
             "Open access draws more participants to the general provision than expected. What happens?", (
        Option("zelfde_uitgaven", "De gemeente geeft evenveel uit aan de algemene voorziening",
               "The municipality spends the same on the general provision", True,
               "het budget ligt vooraf vast: meer deelnemers brengen geen extra geld mee.",
               "the budget is fixed beforehand: more participants bring no more money."),
        Option("meer_geld", "Het consortium krijgt meer geld", "The consortium gets more money", False,
               "dat zou onder P x Q zo zijn (elke cliënt levert geld op); onder een vast budget niet.",
               "that would be so under P x Q (every client brings money); not under a fixed budget."),
        Option("minder_per_deelnemer", "Er is minder geld per deelnemer", "There is less money per participant", True,
               "hetzelfde budget wordt over meer mensen verdeeld.", "the same budget is shared by more people."),
        Option("minder_welbevinden", "Dekt het budget de kosten niet meer, dan wordt de winst in welbevinden per "
               "deelnemer kleiner", "If the budget no longer covers the cost, the wellbeing gain per participant shrinks",
               True, "het consortium kan per deelnemer minder doen dan nodig is.",
               "the consortium can do less per participant than is needed."),
        Option("indicatie", "Deelnemers hebben weer een indicatie nodig", "Participants need an assessment again", False,
               "de toegang blijft vrij; de gemeente kan wel het budget of de afspraken met het consortium herzien.",
               "access stays open; the municipality can revise the budget or its agreements with the consortium."),
    )),
    Question("gp_conditions",
             "Welke randvoorwaarden formuleerde de gemeente met de adviseur voor de algemene voorziening?",
             "Which preconditions did the municipality set, with the adviser, for the general provision?", (
        Option("bestaande_av", "Kijk naar de algemene voorzieningen die er al zijn en maak daar zoveel mogelijk gebruik van",
               "Look at the general provisions that already exist and use them as much as possible", True,
               "dat is de eerste randvoorwaarde in de bron: niet iets nieuws bouwen naast wat er al is.",
               "that is the first precondition in the source: do not build something new next to what is there."),
        Option("behoefte_centraal", "Stel de behoeftes van de cliënten centraal", "Put the clients' needs first", True,
               "de tweede randvoorwaarde: inwoners krijgen wel de ondersteuning die zij nodig hebben.",
               "the second precondition: residents do get the support they need."),
        Option("initiatief_aanbieders", "Laat het initiatief bij de aanbieders; de gemeente is regisseur",
               "Leave the initiative with the providers; the municipality directs", True,
               "de derde randvoorwaarde: de rol van de gemeente beperkt zich tot die van regisseur.",
               "the third precondition: the municipality's role is limited to that of director."),
        Option("gemeente_ontwerpt", "De gemeente ontwerpt de arrangementen zelf en besteedt ze aan", "The municipality "
               "designs the arrangements itself and puts them out to tender", False,
               "dan neemt de gemeente het heft weer in handen; de bron laat het anders organiseren juist bij de aanbieders.",
               "then the municipality takes control again; the source leaves the reorganising to the providers."),
        Option("indicatie_houden", "Iedereen houdt voor de zekerheid een indicatie", "Everybody keeps an assessment to be safe",
               False, "vanaf 2017 is voor begeleiding groep en individueel juist geen indicatie meer nodig.",
               "from 2017 no assessment is needed any more for group and individual begeleiding."),
    )),
    Question("gp_director",
             "'Van zorgen voor naar zorgen dat': wat betekent dat in Lindendaal?",
             "'From caring for to making sure that': what does it mean in Lindendaal?", (
        Option("stip", "De gemeente zet de stip op de horizon en houdt de regie, maar neemt niet het heft in handen",
               "The municipality sets the point on the horizon and keeps direction, but does not take control", True,
               "de terugtrekkende beweging zonder de regisserende rol op te geven was het lastigste deel van het project.",
               "stepping back without giving up the directing role was the hardest part of the project."),
        Option("convenant", "Alle partijen ondertekenen een convenant om samen het plan uit te werken",
               "All parties sign a covenant to work out the plan together", True,
               "het convenant legt vast dat de organisaties samen een algemene voorziening opzetten.",
               "the covenant records that the organisations set up a general provision together."),
        Option("actief", "Aanbieders gaan van een afwachtende naar een actieve houding",
               "Providers move from a waiting to an active attitude", True,
               "de ongeveer tien zorg- en welzijnsaanbieders brachten zelf hun visie op begeleiding in beeld.",
               "the about ten care and welfare providers set out their own vision of begeleiding."),
        Option("welzijn", "Grote zorgaanbieders ondersteunen en bekostigen welzijns- en vrijwilligersorganisaties",
               "Large care providers support and fund welfare and volunteer organisations", True,
               "zo komt de lichtere ondersteuning dicht bij de inwoner, binnen het budget van het consortium.",
               "that brings lighter support close to residents, within the consortium's budget."),
        Option("loslaten", "De gemeente trekt zich helemaal terug; de aanbieders beslissen alles",
               "The municipality withdraws completely; the providers decide everything", False,
               "de gemeente blijft verantwoordelijk en blijft regisseur: zij zorgt dát de ondersteuning er is.",
               "the municipality stays responsible and stays director: it makes sure that support is there."),
        Option("zelf_uitvoeren", "De gemeente gaat de begeleiding zelf uitvoeren", "The municipality delivers begeleiding itself",
               False, "dat is 'zorgen voor'; de omslag is juist dat anderen het doen en de gemeente zorgt dát het gebeurt.",
               "that is 'caring for'; the shift is that others do it and the municipality makes sure that it happens."),
    )),
    Question("continuity",
             "Jeugdzorgaanbieders in de regio hebben het financieel zwaar. Wat doet een goede opdrachtgever?",
             "Youth-care providers in the region are in financial trouble. What does a good commissioner do?", (
        Option("gesprek", "Met de aanbieder de kwaliteit, de cijfers en de oorzaak bespreken",
               "Discuss quality, the figures and the cause with the provider", True,
               "sinds 2016 gaan de gesprekken van de regionale contractmanagers over kwaliteit én de financiële situatie: "
               "zijn de tarieven te laag, of is de bedrijfsvoering het probleem?",
               "since 2016 the regional contract managers' talks cover quality and the financial situation: are "
               "tariffs too low, or is it the provider's operations?"),
        Option("continuiteit", "Zorgcontinuïteit voor de cliënten regelen (plan B)", "Secure continuity of care for clients (plan B)",
               True, "continuïteit van zorg is een uitgangspunt: cliënten mogen niet de dupe worden als de aanbieder omvalt.",
               "continuity of care is a principle: clients must not pay the price if the provider fails."),
        Option("werkgelegenheid", "Werkgelegenheid in de regio meewegen", "Weigh employment in the region", True,
               "ook dat noemt de regio als uitgangspunt: de medewerkers van de aanbieder zijn de zorg van morgen.",
               "the region names that as a principle too: the provider's staff are tomorrow's care."),
        Option("tijdig_betalen", "Zelf tijdig aan de betalingsverplichtingen voldoen", "Meet its own payment obligations on time",
               True, "de opdrachtgever neemt ook zijn eigen rol in de contractuele relatie; een aanbieder die krap zit, komt "
               "door late betaling nog verder in de knel.",
               "the commissioner also takes its own role in the contract; late payment squeezes a provider that is short "
               "of money even further."),
        Option("meer_indiceren", "Gebiedsteams meer uren laten indiceren bij deze aanbieder",
               "Let area teams assess more hours at this provider", False,
               "dat lost een tariefprobleem op met zorg die cliënten niet nodig hebben.",
               "that solves a tariff problem with care clients do not need."),
        Option("niets", "Niets: het risico ligt bij de aanbieder", "Nothing: the risk is the provider's", False,
               "de gemeente blijft verantwoordelijk voor passende hulp (Wmo, Jeugdwet).",
               "the municipality stays responsible for appropriate support (Wmo, Youth Act)."),
    )),
    Question("directing_commissioner",
             "Rivierenland werkt toe naar regisserend opdrachtgeverschap. Wat hoort daarbij?",
             "Rivierenland works towards directing commissioning. What belongs to it?", (
        Option("verbindingen", "Verbindingen leggen met alle ketenpartners die bijdragen aan de meest passende zorg",
               "Making connections with all chain partners that contribute to the most fitting care", True,
               "zo omschrijft de regio haar ultieme ambitie.", "that is how the region describes its ultimate ambition."),
        Option("eenzelfde_wijze", "De tien gemeenten treden binnen de contracten zoveel mogelijk op dezelfde manier op",
               "The ten municipalities act in the same way as much as possible within the contracts", True,
               "anders krijgt dezelfde aanbieder tien verschillende opdrachtgevers.",
               "otherwise the same provider faces ten different commissioners."),
        Option("intervisie_rechten", "Intervisie op de rechten en plichten van opdrachtgever en opdrachtnemer",
               "Intervision on the rights and duties of commissioner and contractor", True,
               "in gezamenlijke intervisie bespreken gemeenten concrete werksituaties en welke taken zij op welke termijn "
               "redelijkerwijs uitvoeren.",
               "in joint intervision municipalities discuss concrete work situations and which tasks they can reasonably "
               "carry out on what term."),
        Option("integraal", "Een integrale benadering met de gebiedsteams en Werkzaak Rivierenland",
               "An integrated approach with the area teams and Werkzaak Rivierenland", True,
               "zorg, welzijn en werk samen: dat onderbouwt een indicatie beter (bijeenkomst van 15 september).",
               "care, welfare and work together: that gives an indication a better basis (meeting of 15 September)."),
        Option("eigen_producten", "Elke gemeente maakt haar eigen productomschrijvingen", "Each municipality writes its own "
               "product descriptions", False,
               "juist de verschillen tussen gemeenten in het toewijzen van producten waren het probleem.",
               "the differences between municipalities in assigning products were exactly the problem."),
        Option("alleen_prijs", "Alleen sturen op de laagste prijs", "Steering on the lowest price only", False,
               "goed opdrachtgeverschap weegt kwaliteit, continuïteit van zorg en werkgelegenheid in de regio mee.",
               "good commissioning weighs quality, continuity of care and employment in the region too."),
    )),
    Question("result_evaluation",
             "Wie stelt vast of het afgesproken resultaat is behaald?",
             "Who establishes whether the agreed result has been achieved?", (
        Option("gezin_en_team", "Het gezin en de lokale toegang (het team dat het resultaat afsprak), met gegevens van "
               "buiten de aanbieder", "The family and the local access team (who agreed the result), with data from "
               "outside the provider", True,
               "wie het resultaat afspreekt, stelt het ook vast; school- of politiegegevens maken het toetsbaar.",
               "those who agree the result also establish it; school or police data make it verifiable."),
        Option("aanbieder_alleen", "De aanbieder, want die kent het gezin het best", "The provider, because it knows the "
               "family best", False,
               "de aanbieder wordt op het resultaat betaald: alleen zijn eigen oordeel is een slager die zijn eigen vlees keurt.",
               "the provider is paid on the result: its judgement alone means marking its own homework."),
        Option("inkoop", "De inkoopafdeling van de gemeente, op basis van de facturen", "The municipality's purchasing "
               "department, from the invoices", False,
               "facturen tonen wat er geleverd is, niet wat het gezin heeft bereikt.",
               "invoices show what was delivered, not what the family achieved."),
    )),
    Question("result_variant",
             "Via welke uitvoeringsvariant van de iStandaarden kan de aanbieder dit resultaatcontract factureren?",
             "Through which iStandaarden execution variant can the provider invoice this results contract?", (
        Option("output", "Outputgericht: een prijs per traject voor het resultaatgebied", "Output-based: a price per "
               "trajectory for the result area", True,
               "resultaatgericht inkopen wordt meestal gefactureerd via de output- of de taakgerichte variant.",
               "results-oriented purchasing is usually invoiced through the output- or the task-based variant."),
        Option("taak", "Taakgericht: een budget voor een taak of populatie", "Task-based: a budget for a task or population",
               True, "ook dat kan: het resultaat wordt dan in de afspraken over het budget vastgelegd.",
               "that works too: the result is then laid down in the agreements on the budget."),
        Option("resultaat", "Resultaatgericht: de vierde variant", "Results-oriented: the fourth variant", False,
               "de iStandaarden kennen drie varianten (inspanningsgericht, outputgericht, taakgericht); resultaatgericht "
               "is een manier van contracteren binnen die varianten.",
               "the iStandaarden define three variants (effort-, output- and task-based); results-oriented is a way of "
               "contracting within those variants."),
        Option("inspanning", "Inspanningsgericht: per uur", "Effort-based: per hour", False,
               "dan betaalt u weer per uur, en niet voor het resultaat.", "then you pay per hour again, not for the result."),
    )),
    Question("result_risks",
             "Welke risico's horen bij betalen op resultaat, en hoe vangt u ze op?",
             "Which risks come with paying for results, and how do you handle them?", (
        Option("selectie", "Aanbieders mijden gezinnen met weinig kans op succes: werk met zwaarteklassen of een "
               "malus die niet te hoog is", "Providers avoid families with little chance of success: use severity "
               "classes or a malus that is not too high", True,
               "een hoge malus maakt een moeilijk gezin een financieel risico voor de aanbieder.",
               "a high malus turns a difficult family into a financial risk for the provider."),
        Option("meetbaar_maar_leeg", "Er wordt gestuurd op wat makkelijk te meten is: koppel het resultaat aan wat het "
               "gezin zelf wil", "People steer on what is easy to measure: tie the result to what the family itself wants",
               True, "een meetbaar resultaat dat niets met de vraag van het gezin te maken heeft, helpt niemand.",
               "a measurable result unrelated to the family's request helps nobody."),
        Option("uren_tellen", "Het risico is dat aanbieders te veel uren maken", "The risk is that providers deliver "
               "too many hours", False,
               "dat is de prikkel van P x Q; onder resultaatbekostiging levert een extra uur niets extra op.",
               "that is the P x Q incentive; under results-based pay an extra hour earns nothing extra."),
    )),
)}

