"""The English text of every shipped case (the Dutch is in ``data/cases.json``): household, the resident's own words
(ik wil / ik kan / ik heb nodig), the context and the non-money arena effects, in the order of the Dutch case.

Long because it is one table of content: translated case-library text, one entry per shipped case (data, not UI
words; ``zorglab.domain.case_text`` looks it up). All cases are synthetic and contain no personal data.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CaseTextEn:
    household: str
    wil: str
    kan: str
    nodig: str
    context: str
    arena: tuple[str, ...]


def _t(household: str, wil: str, kan: str, nodig: str, context: str, *arena: str) -> CaseTextEn:
    return CaseTextEn(household, wil, kan, nodig, context, tuple(arena))


CASE_TEXT_EN: dict[str, CaseTextEn] = {
    # ---- Rivierenland --------------------------------------------------------------------------------------
    "RIV-01": _t(
        "Single man (46)",
        "I want to stay in my home and have peace of mind about money again.",
        "I am good with my hands and always on time; I worked in logistics for years.",
        "I need someone to open my post with me and agree a payment plan with the housing association.",
        "After losing his job as an order picker, the resident built up four months of rent arrears. The housing "
        "association started debt collection, while the area team only granted individual support, without contact "
        "with the landlord or debt assistance. The eviction date came close before anyone put the signals together.",
        "Extra work by the area team, debt assistance and re-integration in the first year",
        "No nights in the homeless shelter and off social assistance sooner",
        "Keeps his home and regains an overview of his money",
        "Distribution centre gets an experienced order picker back"),
    "RIV-02": _t(
        "Family: father (45), mother (43), son (14), daughter (11)",
        "I just want to go to school without my head exploding from all the noise and stimuli.",
        "I am very good at programming and I know everything about trains; at home I can concentrate for hours.",
        "I need a quiet place at school, and my parents and the school saying the same things to me.",
        "Since the autumn half-term the son has mostly stayed at home. School, youth mental health care and the "
        "outpatient worker each had their own plan, and the area team translated the same request into a different "
        "product than the neighbouring municipality would. The parents were worn out by the number of meetings.",
        "One plan with school, parents and youth mental health care through an MDO",
        "No day treatment and no residential placement needed",
        "Goes to school half days again and keeps in touch with classmates"),
    "RIV-03": _t(
        "Woman living alone (84); her daughter lives an hour and a half's drive away",
        "I want to stay in my own house, among the orchards where I have always lived.",
        "I can still wash and dress myself, and I am good at knitting and listening to the radio.",
        "I need to stop falling and to have someone drop by regularly for a chat.",
        "The resident fell twice in one winter, after which the GP called in district nursing. The household help "
        "comes twice a week but does not know who else is involved. No bus runs through the village any more and "
        "the neighbourhood association did not know she lived alone.",
        "Fall prevention, a home adaptation and volunteers",
        "Nursing-home admission a good eighteen months later",
        "Fewer falls, emergency visits and hospital days",
        "Neighbours and the neighbourhood association drop in for coffee every week"),
    "RIV-04": _t(
        "Couple: husband (79) with dementia, wife (76)",
        "I want to stay at home with my wife and my vegetable garden for as long as possible.",
        "I can still walk well and I like to help in the garden if someone tells me what to do.",
        "I need my wife to get some rest too, because I can see she is tired.",
        "The husband goes to day activities three day parts a week, but his wife sleeps badly because of his "
        "restlessness at night and saw the GP herself with heart complaints. The dementia case manager, the day "
        "activities and the GP did not talk to each other about the carer. A crisis admission to a nursing home loomed.",
        "Respite care, extra day activities and carer support",
        "Nursing-home admission only in the third year",
        "No hospital admission of the exhausted carer",
        "The couple stays at home together for longer"),
    "RIV-05": _t(
        "Single-parent family: mother (42) with MS, daughter (16), son (12)",
        "I want to get my diploma and also just meet up with my friends.",
        "I am good at planning and cooking, and I know exactly what my mother needs.",
        "I need someone else to take over the morning care and the school to know what is going on at home.",
        "Every morning the daughter helps her mother get up and wash, and she is often late for school. Household "
        "support was granted to the mother, but nobody looked at the burden on the children. Her mentor saw her "
        "marks drop but did not know whom to turn to.",
        "District nursing takes over the mother's morning care",
        "MDO and a peer group for young carers",
        "Daughter gets to school on time and passes her exams",
        "No youth mental health care needed for the daughter"),
    "RIV-06": _t(
        "Single man (38); his son (8) stays with him every other weekend",
        "I want to stay sober and have my son with me every weekend again.",
        "I work hard and I have a forklift certificate; my brother stands by me.",
        "I need not to tell my story all over again at five different desks.",
        "After an accident under the influence the resident lost his driving licence and with it his job at a "
        "haulage firm. He went to the emergency department three times and neighbours called the police twice. "
        "Addiction care had a waiting list and the Wmo support stopped after two missed appointments.",
        "Quick start of addiction treatment without a waiting list",
        "Specialist support and a re-integration programme",
        "Less nuisance and no more police call-outs in the street",
        "Horticulture business gets a reliable forklift driver"),
    "RIV-07": _t(
        "Refugee family: father (41), mother (36), daughter (14), son (10), son (6), daughter (2)",
        "I want to work as a mechanic, as I did in my own country, and not depend on benefits.",
        "I can repair cars and farm machinery and I learn new Dutch words every day.",
        "I need someone to help me with the letters and to get my diplomas recognised.",
        "The family has lived in the village for two years. The father sleeps badly because of war memories and the "
        "eldest daughter translates all letters, so she misses school. Civic integration, the Participation Act "
        "and youth care each ran their own programmes with interpreters who did not know each other.",
        "Area team, language buddy and re-integration in the first year",
        "Social assistance stops halfway through the second year",
        "Village garage finds an experienced mechanic",
        "Daughter no longer has to interpret and goes to school every day again"),
    "RIV-08": _t(
        "Couple: husband (52), wife (50), son (22) living at home",
        "I want to do something I am proud of again, even though I can no longer lift.",
        "I am good at organising and I know everyone in the village through the football club.",
        "I need someone to look with me at work that suits my body.",
        "After a herniated disc the resident could not return to his job in construction. He saw the GP more and "
        "more often, got stronger painkillers and became depressed. The GP, the benefits agency and the area team "
        "each saw one part: pain, unemployment and a wife who can no longer manage the household as well.",
        "Re-integration programme and an adapted work chair as an aid",
        "Fewer consultations, no admission and no mental health treatment",
        "Employer finds a planner with construction know-how",
        "His wife is relieved and he feels useful again"),
    "RIV-09": _t(
        "Single-parent family: mother (23), daughter (1)",
        "I want to keep caring for my daughter myself and be a good mother.",
        "I play lovingly with her and I ask for help when I do not understand something.",
        "I need someone to explain in plain words what the letters say and to help me with the baby's routine.",
        "The child health clinic was worried about the baby's weight and made a report. The mother had debts with "
        "three web shops and her phone contract had been cut off. A supervision order loomed, while the Wmo support "
        "and youth care each made separate arrangements with her.",
        "One permanent support worker for mother and child, at a higher intensity",
        "No supervision order and no foster care",
        "Daughter keeps living at home and grows well",
        "A buddy from the village helps with shopping and post"),
    "RIV-10": _t(
        "Divorced parents: father (39), mother (37), son (10), daughter (7)",
        "I want mum and dad to stop arguing when I am picked up.",
        "I am good at football and I look after my little sister.",
        "I need someone to listen to me and to be allowed to be with both of them without anyone getting angry.",
        "The parents have been litigating over contact arrangements for two years. The son has stomach aches and "
        "sleeps badly, and the school talks to the parents separately. Lawyers, youth mental health care and the "
        "outpatient worker worked past each other, and the Child Protection Board investigated a supervision order.",
        "Intensive parent counselling with the children as the starting point",
        "No child protection measure needed",
        "Handing over the children goes without a fight",
        "No more police call-outs at the handovers"),
    "RIV-11": _t(
        "Woman living alone (31)",
        "I want a home of my own with a cat and no longer live in a group.",
        "I take my medication myself and I like to paint; I recognise my signs of a relapse.",
        "I need someone I can call if things go wrong at night.",
        "The resident has lived in sheltered housing for five years after a psychosis and has been stable for two. "
        "No home was available, and the mental health practitioner and the housing support worker found the risk "
        "too high without someone reachable at night. So the assessment kept being extended.",
        "Sheltered housing becomes sheltered living at home, at a much lower cost",
        "More outpatient mental health care and a crisis service reachable at night",
        "Gives up a place in the facility and builds up outpatient support",
        "A home of her own and more say over her life"),
    "RIV-12": _t(
        "Young man living alone (19), on and off in touch with his mother (47)",
        "I want a room of my own and to finish my vocational course.",
        "I am good with children and I have already done an internship at a day-care centre.",
        "I need my support worker not to disappear because I turned eighteen.",
        "The young man lived in a residential group until he was eighteen. On his birthday youth care stopped and "
        "nothing new started, because the Wmo application was still with the area team. He slept at friends' "
        "places, dropped out of school and ran up a debt with his health insurer.",
        "Continuous support and area team around the eighteenth birthday",
        "No nights in the shelter and no social assistance after the first year",
        "Back at school with a room of his own",
        "No more police call-outs for nuisance"),
    # ---- Oss, Ruwaard --------------------------------------------------------------------------------------
    "OSS-01": _t(
        "Single man (81); his son (52) lives abroad",
        "I want my days to have meaning again and not sit alone in front of the television all day.",
        "I can still cycle around the neighbourhood and I worked as a carpenter for forty years.",
        "I need someone to help me remember what to do, and people around me.",
        "Since his wife died the resident forgets meals and bills. He often called the GP with vague complaints and "
        "went to the emergency department twice after a fall. In the MDO at his kitchen table it turned out that "
        "what he mostly missed was someone to talk to and to do odd jobs with.",
        "MDO at home and a regular place in the neighbourhood workshop",
        "Fewer GP visits and no admission after a fall",
        "No nursing-home admission within three years",
        "The neighbourhood Repair Café takes him on as a regular volunteer"),
    "OSS-02": _t(
        "Single-parent family: mother (29), son (8), daughter (5), son (2)",
        "I want my children to have a warm home and not to lie awake at night because of the bailiff.",
        "I can cook well on little money and I have a diploma as a care and welfare assistant.",
        "I need all the agencies to sit down with me together once, instead of each making their own plan.",
        "The mother had eleven creditors and the energy supply was cut off in the middle of winter. Youth care, "
        "debt assistance, the housing association and the eldest son's school each had a plan with its own "
        "conditions. In the MDO at her home her protected income was restored and she got priority for debt assistance.",
        "MDO at home, priority for debt assistance and a re-integration programme",
        "No shelter, no specialist youth care and less social assistance",
        "A warm home, calm in the family and a job as a care assistant",
        "Care organisation in the neighbourhood gets a part-time care assistant"),
    "OSS-03": _t(
        "Single man (63)",
        "I don't want to keep leaving in an ambulance, and I want to stay in my own flat.",
        "I can do my own shopping and I am good with the computer.",
        "I need someone to sort out my pills and appointments with me, and help with the personal contributions.",
        "In one year the resident was admitted four times with fluid on the lungs. He skipped medication because "
        "he could not pay the deductible and did not understand the dietary advice. The hospital, the GP and district "
        "nursing sent letters, but nobody came through the front door until the MDO in his living room.",
        "More district-nursing hours for medication and lifestyle",
        "Far fewer hospital days and emergency visits",
        "MDO at home and help with payment arrangements",
        "Less breathless, less anxious and in charge of his own care"),
    "OSS-04": _t(
        "Woman living alone (44) with two cats",
        "I want to keep my home and sort out my things myself, at my own pace.",
        "I take good care of my animals and I know a lot about plants.",
        "I need nobody to simply clear out my home, and someone I trust standing beside me.",
        "Neighbours complained about the smell and the housing association announced an eviction. The resident has "
        "a history of depression and distrusts care workers after an earlier forced clear-out. In the MDO the housing "
        "association, mental health care and the area team got one joint plan with one trusted person.",
        "Trusted person, decluttering support and household support",
        "No homeless shelter and no sheltered housing",
        "The smell has gone and the row with the neighbours has calmed down",
        "Stays in her home with her cats"),
    "OSS-05": _t(
        "Single-parent family: mother (33), daughter (13), son (11), son (7), daughter (4); the father is still in "
        "the country of origin",
        "I want my children to have a good future here and my husband to be able to join us.",
        "I can sew well and I learn fast; my eldest daughter helps me with the language.",
        "I need someone to show me the way to school, the GP and work, and to make friends in the neighbourhood.",
        "The family got a terraced house in Ruwaard, without a network. The mother suffers from headaches and "
        "insomnia, the eleven-year-old son is restless at school and the eldest daughter takes on care tasks. "
        "Refugee support, youth care and civic integration spoke to each other for the first time in the MDO; the "
        "investment in work only pays for itself after three years.",
        "Area team, youth care and re-integration; social assistance continues for now",
        "Women from the neighbourhood form a sewing group and language buddies",
        "A network in the neighbourhood and an eldest daughter who may be a child again",
        "A tailor's workshop offers a work-experience place with the prospect of a job"),
    "OSS-06": _t(
        "Couple: husband (86) after a stroke, wife (83)",
        "I want to stay at home with my wife, in the house where our children grew up.",
        "I can walk through the house with my rollator and I still play cards well.",
        "I need the stairs to stop being a problem and my wife to get help with showering me.",
        "After discharge from rehabilitation the couple went back to their terraced house with the bedroom upstairs. "
        "The wife helped her husband up the stairs every day and fell herself. District nursing, household help and "
        "the occupational therapist came at different times; nobody saw the whole picture until the MDO in the "
        "living room.",
        "Stairlift, shower chair, day activities and carer support",
        "Daily district nursing for washing and dressing",
        "Nursing-home admission is postponed by more than two years",
        "The couple stays together in their own home"),
    "OSS-07": _t(
        "Single-parent family: mother (45), son (16)",
        "I want to do something with cars and stop gaming all day.",
        "I am good at fixing mopeds and I help my mother with the shopping.",
        "I need to find a school or workplace where they don't see me as a problem case.",
        "For a year the son has not been enrolled at a school that suits him, and the school attendance officer sent "
        "letters. The mother has long been depressed and was treated by the GP's mental health nurse, who knew "
        "nothing about the son. In the MDO at home a work-based learning place was found at a garage in the "
        "neighbourhood.",
        "Area team and support towards a work-based learning place",
        "No day treatment and less specialist youth care",
        "Shorter mental health treatment for the mother",
        "Garage in the neighbourhood coaches a trainee in the workshop"),
    "OSS-08": _t(
        "Single man (61)",
        "I want to be left alone, but I also don't want to be found dead in my flat.",
        "I am good at fishing and I worked in the meat industry for years.",
        "I need my debts to stop growing every month and someone who does not drop me when I have a bad week.",
        "The resident drinks daily and has conflicts with the neighbours about noise. He refused addiction care "
        "before and dropped out of debt assistance twice. The MDO gave him one contact person and a protective "
        "administrator, but his drinking changed only a little.",
        "Long-term specialist support and debt assistance",
        "Less nuisance, although it has not gone",
        "Fewer emergency visits and no admission",
        "Debts stable, but he hardly drinks less"),
    "OSS-09": _t(
        "Family: mother (38), father (41), daughter (12), son (9)",
        "I want our family to stay together and the children to stop being bullied about their clothes.",
        "I can clean and do the washing well when I know what needs doing when, and my husband works four days at "
        "the sheltered workshop.",
        "I need someone to make a weekly schedule with me and explanations with pictures.",
        "For years the school and the child health clinic had concerns about hygiene and truancy. Five different "
        "care workers came to the house one after another, each with a new plan. In the MDO the choice was one "
        "permanent support worker for the whole family and a simple budget plan.",
        "One permanent family support worker with more hours in the first year",
        "No supervision order and no foster care",
        "Fewer handovers and less duplicate work between providers",
        "The family stays together and the children go to school well cared for"),
    "OSS-10": _t(
        "Woman living alone (72)",
        "I want to get through the night without panic again and be able to go to church on Sundays.",
        "I use my inhalers well and I love puzzles.",
        "I need someone I can call when I get breathless, and someone to bring the shopping.",
        "The resident, who has COPD, regularly called the alarm centre at night for fear of breathlessness; mostly "
        "it turned out to be a panic attack. She lives on the third floor without a lift and hardly goes out. The "
        "respiratory nurse, the GP and the area team each had contact, but anxiety and loneliness were only "
        "tackled together in the MDO, with a move to a ground-floor home.",
        "MDO, area team and a neighbourhood room with transport by volunteers",
        "Far fewer emergency visits and no admissions for panic",
        "No nursing-home admission within three years",
        "A neighbour does the shopping and can be reached by phone"),
    "OSS-11": _t(
        "Family: father (56), mother (54), son (24)",
        "I want a place where I do something useful without having to talk all day.",
        "I work very precisely and I know all bicycle parts by heart.",
        "I need to be allowed to start slowly, always with the same support worker.",
        "After getting stuck at vocational school the son has been at home for five years without day activities "
        "or income. The parents thought nothing was possible after he turned eighteen and never asked for help. In "
        "the MDO at the kitchen table a quiet workplace was found at the bicycle repairer in the neighbourhood, with "
        "support under the Wmo; that costs more than staying at home.",
        "Support, day activities and a re-integration programme",
        "Bicycle repairer gets a precise employee",
        "No mental health treatment for depression needed",
        "The son has a daily rhythm and colleagues; his parents are relieved"),
    "OSS-12": _t(
        "Single man (47); daughter (15) and son (12) live with their mother",
        "I want a place of my own where my children can stay over.",
        "I can keep doing my job as a bus driver and I have a good bond with my children.",
        "I need someone to explain to the housing association that this is urgent for my children.",
        "Since the divorce the resident has been sleeping on a friend's sofa for months. He fell outside the urgency "
        "scheme because he has an income, but could not pay private rent because of the maintenance. His children "
        "hardly saw him any more and the daughter got youth care through school for low mood.",
        "MDO with the housing association and tailoring of the urgency scheme",
        "No shelter and no youth mental health care for the daughter",
        "Bus driver stays employable without sick leave",
        "A home of his own where the children stay every other weekend"),
    # ---- Westkust (results-oriented purchasing) --------------------------------------------------------------
    "WES-01": _t(
        "Single-parent family: mother (34), son (15), daughter (9)",
        "I want to leave school and earn money, but I don't want my mother to worry.",
        "I am good with my hands and good at basketball.",
        "I need someone to take me seriously and to be allowed to do a practical training.",
        "The son skipped school for half the school year and smokes cannabis daily with older boys. The mother works "
        "shifts and feels powerless. The provider used to be paid per hour; under the results-oriented contract the "
        "result that counts is 'back at school and no police contact'.",
        "Results-based payment with an intensive start",
        "No residential placement and no supervision order",
        "Bonus for the achieved result: back at school",
        "Less nuisance from the group of youths at the shopping centre"),
    "WES-02": _t(
        "Family: mother (27), father (30), son (0)",
        "I want to enjoy my little boy again instead of only being afraid.",
        "I can take good care of him when I get enough sleep, and my partner is very involved.",
        "I need someone to come to our home and not to feel ashamed to ask for help.",
        "Three months after giving birth the mother cried a lot and no longer dared to be alone with the baby. The "
        "father called in sick to help. The youth health nurse, the GP and mental health care worked with three "
        "separate intakes; the results-oriented contract asks for one family plan.",
        "Family support at home and an experienced volunteer",
        "No crisis admission of the mother",
        "Father is back at work sooner",
        "Mother and baby bond well"),
    "WES-03": _t(
        "Family: mother (44), stepfather (47), daughter (13), half-brother (4)",
        "I want to stop feeling so bad about myself and just go back to hockey.",
        "I am good at drawing and writing; I put everything I feel in my diary.",
        "I need not to end up on a waiting list again and my parents to learn how to talk with me.",
        "Within half a year the daughter lost a lot of weight and harmed herself. She was on a waiting list for "
        "specialist youth mental health care for seven months. In the results-oriented model the provider became "
        "responsible for the result 'stable weight and back at school', which made a bridging treatment at home possible.",
        "Immediate start of intensive treatment at home, without a waiting list",
        "No admission to a treatment group and no day treatment",
        "No hospital admission for malnutrition",
        "Weight stable and playing hockey again"),
    "WES-04": _t(
        "Family: mother (38), father (40), daughter (11), son (9), son (6), daughter (3)",
        "I want it to be calm at home and nobody to shout or hit any more.",
        "I take good care of my little brothers and I tell my teacher when things are not going well.",
        "I need my parents to get help to talk without fighting, and to be allowed to just be a child.",
        "After a report to Veilig Thuis (the domestic violence advice centre) a supervision order was made. The "
        "father lost his job and the family built up debts, which raised the tension further. The family guardian, "
        "youth care and debt assistance worked with their own goals; in the new model one provider is responsible "
        "for the result 'safety restored'.",
        "Intensive family treatment plus debt assistance and work for the father",
        "Measure ended sooner and no out-of-home placement",
        "No more police call-outs for incidents",
        "The children stay at home in a safer family"),
    "WES-05": _t(
        "Family: mother (36), father (38), son (9), daughter (6)",
        "I want to stay in class with my friends and not go to another school.",
        "I am very quick at maths and good at football.",
        "I need to be allowed to go outside for a moment when my head gets too busy.",
        "The school wanted to refer the boy to a special-needs day centre four mornings a week. The parents were "
        "against it. Within the results contract the provider placed an outpatient support worker in the classroom "
        "and worked with the teacher on a low-stimulus spot.",
        "No day treatment: the municipality saves itself",
        "Support worker works in the classroom instead of at the provider's own premises",
        "Stays at his own school with his friends"),
    "WES-06": _t(
        "Family: father (44), mother (42), son (14), daughter (12), daughter (8)",
        "I want my children to take part in sports and school trips, just like their friends.",
        "I work hard; I have two part-time jobs and I am handy around the house.",
        "I need someone to help me find out what we are entitled to, without having to feel ashamed.",
        "The family's income is just above the social minimum and they ask nobody for help. The eldest son is "
        "withdrawing and only got a short training at school. The school reported the family only after a second "
        "missed school trip; the extra effort makes the family visible, but yields no saving within three years.",
        "Area team, debt assistance and family support for a family that did not ask",
        "Children do sports again and go on school trips",
        "Father gets one permanent job instead of two part-time jobs"),
    "WES-07": _t(
        "Single-parent family: father (48), daughter (12)",
        "I want to learn again, but not in a class of thirty children.",
        "I am very good at English and I know everything about animals.",
        "I need to start with a few hours a week in a quiet place first.",
        "The daughter has been at home since the move to secondary school. The father works less to be with her and "
        "nearly loses his job. Education and youth care pushed the responsibility onto each other; in the results "
        "contract 'back in education' is the agreed result.",
        "Intensive outpatient support towards a quiet place to learn",
        "No years of day treatment",
        "Father can work full time again",
        "Follows education again in a small group"),
    "WES-08": _t(
        "Blended family: mother (41), stepfather (45), son (14), stepdaughter (16), half-sister (3)",
        "I want my stepfather to stop blaming me for everything.",
        "I can say well what I feel when someone really listens, and I am good at gaming.",
        "I need someone to talk with all of us, not just with me.",
        "The son ran away three times and slept at his biological father's, who had no room for him. After the third "
        "time a crisis placement was considered. Within the results contract the provider chose family systems "
        "therapy with the whole family and a temporary place to stay with an uncle.",
        "No crisis placement and no foster care",
        "Family therapist also works in the evenings with the whole family",
        "An uncle offers a temporary place to stay",
        "Son keeps living at home and the rows decrease"),
    "WES-09": _t(
        "Family: father (40), mother (35), daughter (6), son (4)",
        "I want to have work again so I can offer my children something and stop being short with them.",
        "I have a truck driving licence and years of experience as a delivery driver; I can play well with the "
        "children when I am calm.",
        "I need the debts to be sorted out and someone to help me find a permanent job.",
        "After his employer went bankrupt the father ended up on social assistance and rent arrears built up. The "
        "tension led to outbursts at home and the nursery teacher saw a withdrawn daughter. Debt assistance, the "
        "employment service and youth care each had their own waiting time and plan.",
        "Debt assistance and re-integration start at once, together with the family support",
        "Social assistance stops in the second year and less youth care is needed",
        "Haulage company finds a driver with a truck licence",
        "Calm at home and a father who plays with his children again"),
    # ---- Lindendaal (general provision) -----------------------------------------------------------------------
    "LIN-01": _t(
        "Couple: husband (57) with acquired brain injury, wife (55)",
        "I want to do something useful with my hands and not be a burden to my wife all day.",
        "I am good at woodwork and I am strong, although I tire quickly.",
        "I need to be able to rest when my head is full, and a fixed place to go to.",
        "The resident had an assessment for three day parts of group support at a provider outside the "
        "municipality, with taxi transport. He did not feel at home there among many older participants. Since "
        "the support became a general provision he works in the woodwork shop of the neighbourhood room with one "
        "regular support worker.",
        "No assessment interviews and a lower price per day part",
        "Consortium sets up a woodwork shop within the budget",
        "A meaningful day in his own village, without a taxi ride",
        "The neighbourhood room repairs benches and playground equipment"),
    "LIN-02": _t(
        "Woman living alone (35)",
        "I want to be able to deal with my post myself and stop being startled by letters.",
        "I work three mornings in the canteen of the sports park and I am very loyal.",
        "I need to be able to walk in without an appointment when I don't understand a letter.",
        "The resident had four hours of individual support a week, mainly for paperwork. At every re-assessment she "
        "had to tell her story again and the interviews made her nervous. Through the general provision she now "
        "walks in twice a week at the paperwork drop-in, with one hour of individual support alongside.",
        "Fewer individual hours and no re-assessments",
        "Setting up a paperwork drop-in with volunteers",
        "Help when she needs it, without assessment interviews"),
    "LIN-03": _t(
        "Couple: husband (68), wife (66)",
        "I want people around me again to talk with about the old days and football.",
        "I can cook well for large groups; I did that for thirty years in a company canteen.",
        "I need someone to take me along the first few times, because I don't dare to go in alone.",
        "The couple moved to a senior citizens' home closer to their daughter. The husband lost his friends and shut "
        "himself away; the GP referred him to the mental health nurse and the area team granted two day parts of "
        "day activities. Since the change he cooks weekly in the neighbourhood room, accompanied by a volunteer for "
        "the first weeks.",
        "The general provision is cheaper than assessed day activities",
        "No mental health treatment for depression needed",
        "A weekly neighbourhood meal with a regular cook",
        "New friends and a regular role in the village"),
    "LIN-04": _t(
        "Woman living alone (49); her son (21) lives in a student room",
        "I want to work again, even if only a few hours at first, and earn my own money.",
        "I am good at administration and I worked at an insurer for twenty years.",
        "I need to build up calmly and nobody to put me to work full time straight away.",
        "After a burnout and dismissal the resident ended up on social assistance. She had individual support and "
        "a re-integration programme at the same time, with two plans that contradicted each other. Through the "
        "general provision she now volunteers in the community centre's administration, as a step towards paid work.",
        "Fewer support hours and social assistance stops in the third year",
        "Short support from the GP's mental health nurse instead of treatment",
        "Administration office gets an experienced worker",
        "Step by step back to paid work"),
    "LIN-05": _t(
        "Single man (26)",
        "I want to keep my own flat and do a course in IT.",
        "I am good with computers and I take my medication faithfully.",
        "I need a place I can drop into every day, especially when I get restless.",
        "After a psychosis and half a year of sheltered housing the resident lives independently. He had six hours "
        "of individual support a week, but evenings and weekends were his hardest times. In the general provision an "
        "evening drop-in with peer experts was set up, so the individual hours could go down.",
        "Fewer specialist hours thanks to the evening drop-in",
        "No readmission and fewer crisis call-outs",
        "Deploys peer experts in the evenings and at weekends",
        "Keeps his flat and starts an IT course"),
    "LIN-06": _t(
        "Woman living alone (79); her daughter (50) lives in the village",
        "I just want to get through my day without getting lost or forgetting to eat.",
        "I can still make coffee myself and I love singing old songs.",
        "I need someone to pick me up and it to be the same people every time.",
        "With the change the resident was referred from group day activities to the drop-in at the neighbourhood "
        "room. Without transport and a fixed structure she stopped going after a few weeks, and her daughter became "
        "overburdened. The area team had to grant heavier day activities and respite care as individual provisions "
        "after all.",
        "Heavy day activities and respite care as individual provisions after all",
        "Nursing-home admission comes sooner than expected",
        "Restlessness and decline in the months without structure",
        "Lesson learnt: a general provision does not suit dementia without transport"),
    "LIN-07": _t(
        "Single man (42); his daughter (17) lives with her mother",
        "I want to stay clean and be a father my daughter can count on again.",
        "I am good at restoring furniture and I sense other people in recovery well.",
        "I need something to do every day and people around me who don't use.",
        "After a clinical admission for cocaine addiction the resident had an assessment for four day parts of day "
        "activities. They were in the city, close to his old contacts. Through the general provision he now works in "
        "Lindendaal's second-hand shop, with a recovery group on Friday afternoons.",
        "Lower cost per day part and social assistance stops in the third year",
        "No relapse with a clinical readmission",
        "The second-hand shop supports participants within the budget",
        "Clean, a daily rhythm and back in touch with his daughter"),
    "LIN-08": _t(
        "Couple: wife (63) with fibromyalgia, husband (66)",
        "I want to stay in charge of my household and not let my husband do everything.",
        "I can plan and still do the light chores myself, and I am creative with needle and thread.",
        "I need to learn to pace myself and someone else to do the heavy jobs.",
        "The resident had household support and individual support from two different providers. Her pain grew and "
        "she saw the GP almost weekly. In the new set-up she joins a pain group in the neighbourhood room and only "
        "the heavy cleaning stayed an individual provision.",
        "No more individual support and fewer hours of household help",
        "Fewer GP consultations",
        "Learns to pace herself and takes on light tasks again"),
    "LIN-09": _t(
        "Family: mother (62), father (64), son (33)",
        "I want to live on my own, like my brother, but close to my parents.",
        "I work four days in the parks department and I can travel by bus on my own.",
        "I need someone to teach me to cook and do the washing, and someone to call when I feel lonely.",
        "The parents are getting older and worry about the future. The area team hesitated between a Wlz "
        "application for supported living and a home of his own with Wmo support. The choice was a studio in a small "
        "housing group in the village, with a training period and a weekly cooking café in the general provision.",
        "Intensive training for independent living and support under the Wmo",
        "No Wlz placement in disability care",
        "A studio of his own close to his parents and his work",
        "Cooking café with neighbours as regular dinner companions"),
}
