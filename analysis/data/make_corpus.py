#!/usr/bin/env python3
"""Builds corpus.jsonl: hand-written, hand-labelled free-text answers for the quality benchmark.

Why a script: PII labels are byte offsets into UTF-8 text, which nobody gets right by hand.
Each comment is written once with inline markup, `{kind:value}` around every personal detail
(the annotator's judgement, not the redactor's), and the script strips the markup, computes
byte offsets, and checks them. Themes are written as `id-` (negative), `id+` (positive) or
`id~` (neutral), again as a human reads the comment.

The comments were written for this project, in the voice of victims and advocates described in
shared/DOMAIN.md and the 2024 deep dive: typos, text-speak, Polish and mixed English/Polish are
deliberate. Some details are labelled even where a cue-based redactor would miss them (names
without a cue, details spelled out oddly), because the labels are the truth, not the tool's view.

Part A are full comments. Part B joins a short detail-bearing sentence with a short themed
sentence, to get more combinations of detail kinds and themes than writing each by hand.

Run: python3 make_corpus.py  (writes corpus.jsonl next to this file; deterministic)
"""

import json
import os
import random
import re

KINDS = {"phone", "email", "url", "handle", "postcode", "address", "date", "crime_ref", "vehicle", "name"}
THEMES = {
    "communication", "officer_continuity", "taken_seriously", "stalking_recognised", "safety_advice",
    "protective_orders", "investigation_quality", "cps_charging", "court_process", "support_referral",
    "understanding_process", "withdrawal", "respect_equality", "positive",
}
POL = {"-": "negative", "+": "positive", "~": "neutral"}

A = []  # (themes, marked-up text)


def c(themes, text):
    A.append((themes, text))


# ------------------------------------------------------------------------------------------
# Part A: full comments
c("communication- officer_continuity-", "I reported on {date:12/03/2024} and didnt hear anything for 6 weeks. The officer who took my statement moved on and nobody told me who had my case now")
c("taken_seriously-", "PC {name:Harris} basically laughed at me and said its just a few texts, block him and move on. I felt so stupid for calling")
c("stalking_recognised- safety_advice-", "They said it wasnt stalking because he never actually threatened me. He turned up at my work 4 times and at {address:27 Elmfield Road} where I live. Was told to change my number!!")
c("positive+ support_referral+", "my advocate from the stalking service was amazing, she rang me every week and came to court with me. without her i would of given up")
c("court_process-", "The trial got adjourned 3 times and I only found out the day before each time. I'd taken time off work and arranged childcare for nothing")
c("cps_charging- communication-", "No one explained why the CPS dropped the stalking charge to harassment. I found out from his solicitor's letter. Crime ref {crime_ref:4412876/23} if anyone wants to check")
c("protective_orders-", "I asked about a stalking protection order and the officer didnt even know what it was. Then I was told I'd have to apply myself")
c("protective_orders- investigation_quality-", "he has breached the restraining order at least 10 times, I report every one, nothing happens. Im basically policing the order myself")
c("withdrawal- taken_seriously-", "I withdrew my statement in the end. I was exhausted and it felt like nobody believed me anyway")
c("investigation_quality-", "They never took his phone even tho all the messages came from it. I gave them screenshots of 200+ messages and they lost the USB")
c("communication-", "pls just call back when u say u will. i waited in all day on {date:the 14th of May} for a call that never came")
c("positive+ officer_continuity+ communication+", "DC {name:Okafor} was brilliant, kept me updated every step and always answered my emails. if every officer was like her")
c("understanding_process-", "I had no idea what 'NFA' meant or what bail conditions were. Everything was jargon and nobody explained it in plain english")
c("respect_equality-", "As a deaf woman I asked for a BSL interpreter for my statement and was told to bring a family member instead. That is not ok")
c("safety_advice-", "Advice was to stay off social media and not go out alone. So I lost my whole life while he carried on as normal")
c("", "my number is {phone:07700 900461} if anyone wants to talk to me about this survey")
c("communication- cps_charging-", "Still dont know if he was charged or not. Its been 5 months. Ref {crime_ref:01/482913/24}")
c("court_process-", "Had to sit in the same waiting area as him at court. No separate entrance, nothing. I was shaking")
c("court_process-", "He got a fine and a suspended sentence. After 2 years of this. What was the point")
c("support_referral-", "Nobody offered me any support service. I found the helpline myself on google months later")
c("positive+", "thank you to the call handler on the night, she stayed on the line till the police came and really calmed me down")
c("taken_seriously- stalking_recognised-", "first officer said he's your ex, its a domestic matter, have you tried talking to him. Talking to him!!!")
c("officer_continuity-", "I have had 5 different officers in 8 months. Every time I have to tell the whole story again from the beginning, its retraumatising")
c("safety_advice- protective_orders-", "Police told me to move house. I rent at {address:Flat 2, 19 Victoria Street}, I cant just move. Why is it me who has to change everything")
c("investigation_quality- stalking_recognised-", "He was only charged for one incident. They didnt link the other reports even though I gave them all the CAD numbers {crime_ref:CAD4471} and {crime_ref:CAD 5532/03MAR24}")
c("communication-", "Called 101 so many times asking for {name:DS Khan}'s direct number, got passed around, never got a call back")
c("", "Everything is in my statement already, crime number {crime_ref:5519302/24}")
c("positive+ taken_seriously+", "The officer who came out believed me straight away and said this is stalking, you're not overreacting. That meant so much")
c("withdrawal- court_process-", "i pulled out because the court date kept moving and i couldnt keep living in limbo. i just want it to stop")
c("respect_equality- taken_seriously-", "I felt judged because of my mental health history. The officer kept asking if I was on medication like that made me a liar")
c("understanding_process- court_process-", "Nobody told me what a victim personal statement was until the day of sentencing. I would have written one if I'd known")
c("communication- court_process-", "found out he'd been released from prison from a FRIEND. not from police, not from probation. He was outside my house 3 days later")
c("support_referral+ positive+", "The IDVA was the only person who actually listened. She sorted a safety plan with me and got me a panic alarm fitted")
c("safety_advice-", "There was no safety plan at all. I still dont feel safe walking home from the station")
c("protective_orders-", "was told a non-molestation order would 'make him angrier' so better not to. then found out later I could of had one months ago")
c("investigation_quality-", "The CCTV from the shop was never collected and now its been deleted. I told them on day one it was there")
c("cps_charging-", "I never spoke to the prosecutor once before the trial. The barrister didnt know about half of what happened")
c("taken_seriously-", "told to 'let it go' and that he'd get bored eventually. he didnt get bored. it got worse")
c("stalking_recognised-", "Logged as malicious communications not stalking. All the following me, the gifts, turning up at the gym, none of that was counted")
c("positive+", "Honestly the response this time was much better than last time. Quick, kind, and they arrested him the same week")
c("communication- officer_continuity-", "Officer in the case went on long term sick and no one told me. I emailed her for 3 weeks getting no reply. Her email was {email:k.whitmore@met.police.uk} if that helps")
c("", "{name:Sarah} here, you can text {phone:07911 123456} or email {email:sarahj1987@hotmail.co.uk}")
c("withdrawal-", "I didnt support the prosecution in the end because he has our kids every other weekend and I was scared what he'd do")
c("court_process- respect_equality-", "No special measures. I asked for a screen and nobody came back to me about it, so I had to look at him while giving evidence")
c("understanding_process+ support_referral+", "My ISVA explained the whole court process to me before hand, what would happen and who would be there. It helped massively")
c("safety_advice-", "they told me to block him everywhere. so he made new accounts and now i cant even see what hes saying about me, which is worse")
c("communication-", "never got told about the bail conditions so I didn't know he wasnt allowed near my road")
c("taken_seriously- respect_equality-", "The male officer said maybe I'd led him on. Victim blaming pure and simple")
c("positive+ communication+", "Sgt {name:Patel} rang me personally to explain the charging decision, I really appreciated that")
c("investigation_quality- communication-", "Gave them his car reg {vehicle:LB07 SEO} and the times he parked outside. never heard if they even checked")
c("stalking_recognised- taken_seriously-", "Because we had been together they just saw it as a breakup thing, not stalking. He has been following me for 2 years")
c("", "Its on the report {crime_ref:3308741/23}")
c("protective_orders- communication-", "The SPO was granted but nobody sent me a copy so I didnt know what the conditions were. How am I meant to report a breach")
c("court_process-", "Trial listed for {date:September 2nd}, then moved to January, then to April. Nearly a year of my life waiting")
c("support_referral-", "The support worker I was referred to never got in touch, I chased twice and gave up")
c("positive+ support_referral+", "massive thanks to Paladin, they were the only people who made me feel safe")
c("withdrawal- taken_seriously-", "I stopped engaging because every contact made me feel like I was wasting their time")
c("respect_equality-", "English is not my first language and nobody offered an interpreter. I signed a statement I didnt fully understand")
c("communication-", "no updates. none. nada. i had to ring and chase every single time")
c("cps_charging-", "the decision letter from CPS was 2 lines and didnt explain anything. i wanted to review it but didnt know how")
c("officer_continuity+ positive+", "having the same officer from start to finish made all the difference, I never had to repeat myself")
c("safety_advice- taken_seriously-", "They said just dont reply to him and he'll stop. That was the whole advice")
c("investigation_quality-", "statement took 3 hours but they never asked about the tracker I found on my car ({vehicle:KM19 XHT})")
c("court_process-", "The sentence was 12 weeks suspended. He laughed walking out of court")
c("understanding_process-", "What's the difference between being released under investigation and bail? Nobody could tell me and it matters for my safety")
c("taken_seriously+ positive+", "I was finally believed when I reported to {name:DC Reynolds}. Thank you for listening")
c("", "my ex {name:Dave} lives at {address:41 Brook Lane}, {postcode:N17 9QL}. he drives a {vehicle:YX68 BFL}")
c("communication- court_process-", "I wasn't told the hearing was moved to {date:21/06/24}. turned up to an empty court")
c("protective_orders-", "He breached the NMO on {date:3 Jan} and {date:5 Jan}. Police said it wasnt serious enough to arrest")
c("stalking_recognised-", "its not a crime to walk down a street was what I was told. he walks down MY street every night")
c("positive+", "genuinely cant fault the police this time round, they took it seriously from day one")
c("withdrawal-", "I was told the case would take 18 months to get to trial. I couldn't face it so I withdrew")
c("communication- taken_seriously-", "When I chased for an update I was told officers have 60 cases and I need to be patient. Made me feel like a nuisance")
c("investigation_quality-", "the police lost my phone download and asked me to hand my phone in AGAIN, for another 3 months")
c("support_referral~", "It would help if support was offered automatically, I didn't know it existed")
c("respect_equality+ positive+", "The officer was really respectful about my disability and made sure the interview was in a room I could access")
c("understanding_process- cps_charging-", "I didn't understand why a caution was given instead of a charge. No one explained")
c("court_process- cps_charging-", "Never met the prosecutor, they changed three times. The one on the day hadn't read my statement properly")
c("", "Contact me at {email:marek.nowak84@gmail.com} or {phone:+48 601 234 567}")
c("communication-", "i emailed {email:oic.enquiries@met.police.uk} so many times, auto-reply every time")
c("taken_seriously-", "The operator on 999 asked if I was sure it was him and not just a coincidence. 40 coincidences?")
c("safety_advice-", "I was told to vary my route to work. I still have to go to the same building every day. It doesnt help")
c("protective_orders+ positive+", "Getting the SPO was the turning point, police applied for it quickly and it has mostly worked")
c("officer_continuity- communication-", "Nobody was named as my contact. Each time I rang I got someone new who had to read the file first")
c("withdrawal~", "I'm thinking about withdrawing but I don't know what happens if I do")
c("stalking_recognised- investigation_quality-", "They treated every incident as separate, like 15 separate things, nobody joined up the pattern")
c("court_process-", "Magistrates gave him a restraining order but he was back at my door in a week. Sentencing means nothing")
c("respect_equality-", "I was referred to as 'the complainant' in front of me and talked over like I wasn't in the room")
c("positive+ support_referral+", "Suzy Lamplugh helpline were lovely and pointed me to local support straight away")
c("communication- understanding_process-", "I didn't know what happened after I reported, a letter would have been nice, just to say what the next steps are")
c("", "He goes by {handle:@dazzler_87} on insta and {handle:@dazzler87} on tiktok")
c("investigation_quality- taken_seriously-", "I had to collect all the evidence myself, screenshots, timeline, witness details. I felt like I was doing the investigation for them")
c("court_process-", "trial was on {date:Tuesday 4th}, told on the Monday evening that it was vacated. no reason given")
c("cps_charging-", "Charge was downgraded from stalking to harassment without anyone asking me. It was clearly stalking")
c("communication+ positive+", "Was updated every fortnight like clockwork. Small thing but it made me trust them")
c("support_referral-", "I was given a leaflet and that was it. No referral, no call, nothing")
c("taken_seriously- withdrawal-", "After the officer said 'well what do you want us to do' I gave up on reporting altogether")
c("", "Happened outside {address:12 Acacia Avenue} on {date:12th March}, reg {vehicle:AB12 CDE}")
c("safety_advice~", "More info about personal safety would be useful, like alarms and apps")
c("stalking_recognised+ positive+", "the officer recognised it as stalking straight away and explained the 4A offence to me. finally someone got it")
c("court_process- understanding_process-", "The court letter had the wrong date and a phone number that nobody answered")
c("investigation_quality-", "they never spoke to my neighbours who saw him climbing over the fence")
c("communication-", "why do I find out more from his facebook than from the police")
c("respect_equality-", "I was asked about my sexuality when it had nothing to do with the case")
c("protective_orders- understanding_process-", "Was told an SPO would 'only last 2 years' and then told it can be longer. Confusing info all round")
c("officer_continuity-", "Officer changed 3 times and the new one hadnt read any of it")
c("positive+", "thank u to everyone who helped me xx")
c("", "lives at {postcode:e1 6an} somewhere off the main road")
c("communication- cps_charging-", "I only found out it went to CPS when I asked. Nobody ever said what the outcome was")
c("withdrawal- safety_advice-", "I withdrew because nothing I did made me safer, reporting just made him angrier")
c("court_process-", "Being cross examined by his barrister for 2 hours was worse than the stalking. I wasn't protected at all")
c("support_referral+", "the referral to the advocacy service came through within a week which was good")
c("taken_seriously-", "Was told by the front counter I was being dramatic")
c("understanding_process-", "I still dont know what 'released under investigation' actually means for me")
c("", "{name:PC J. Barker} took the report, shoulder number I dont remember")
c("positive+ investigation_quality+", "The detective got a warrant and found the tracking app on his laptop. Really thorough work")
c("investigation_quality- communication-", "I gave a statement in August 2023... sorry, {date:the 2nd of August}. Heard nothing since")
c("stalking_recognised-", "The call handler put it down as a neighbour dispute")
c("respect_equality- taken_seriously-", "I'm a man being stalked by a woman and they literally laughed. Said I should be flattered")
c("communication- officer_continuity-", "Officer said he'd ring monday. Its now {date:Friday the 19th} and apparently hes on leave for 2 weeks")
c("cps_charging+ communication+", "The CPS wrote to me explaining why they charged the 4A offence and what would happen next. Clear and kind")
c("court_process+ positive+", "Witness service at court were fantastic, showed me the room beforehand and sat with me")
c("safety_advice- taken_seriously-", "I was told to get a dog. Seriously")
c("protective_orders-", "bail conditions werent enforced, he breached them 3 times and nothing")
c("", "He followed me from {address:14b Mill Road} to the bus stop. I have his plate {vehicle:KX15 ZRT}")
c("withdrawal- respect_equality-", "they kept calling me at work after I asked them not to, in the end I said I didnt want to go ahead")
c("support_referral- communication-", "Victim Support sent one letter. I rang the number on it and it was out of hours every time I tried")
c("understanding_process+ positive+", "The officer drew me a little diagram of what happens from report to court. Simple but I finally got it")
c("taken_seriously-", "Not believed. thats it thats the feedback")
c("investigation_quality-", "nobody took my statement for 5 weeks by which point I had forgotten details")
c("court_process-", "No one told me the verdict. I had to google his name")
c("communication- withdrawal-", "No contact for months and then a letter saying case closed because I 'didn't respond'. I never got any messages")
c("", "I'm at {address:Flat 9, 221 Kingsland Road}, {postcode:E2 8AS}")
c("stalking_recognised- protective_orders-", "Because they didnt class it as stalking there was no option of an SPO. everything flowed from that first mistake")
c("positive+ communication+", "{name:DC Amy Fletcher} answered every text and always explained things. 10/10")
c("safety_advice+ positive+", "Got a home security assessment and a ring doorbell fitted, i feel much safer")
c("respect_equality-", "The officer made comments about my hijab. Totally inappropriate")
c("cps_charging- taken_seriously-", "CPS said not enough evidence even though there were 300 messages. I felt completely let down")
c("officer_continuity-", "my OIC left the force and nobody told me for 2 months")
c("withdrawal~ support_referral+", "My advocate helped me think through whether to carry on with the case, no pressure either way")
c("", "messages came from {phone:0161-496-0017} and {phone:(020) 7946 0321}")
c("communication-", "I wasnt told he was arrested until 2 days later, I was walking around thinking he was still out there")
c("investigation_quality-", "They took my phone for 4 months and then said nothing useful was found. Without asking me where to look")
c("court_process-", "trial delayed for 14 months because of backlog. 14 months")
c("taken_seriously+", "I felt heard for the first time when the sergeant sat with me for an hour and took notes")
c("understanding_process-", "no idea what was happening most of the time, its like everyone assumed I knew how it works")
c("protective_orders-", "Had to pay for a solicitor for the non-mol because police said they couldnt help with that")
c("", "ring me {phone:07450 112233} after 6 pls not before")
c("positive+", "The Met stalking team were really good. I wish I'd been referred to them sooner")
c("support_referral-", "Waited 11 weeks on the waiting list for counselling")
c("communication- understanding_process-", "letters were full of legal words and case numbers, no phone number for a real person")
c("stalking_recognised-", "he sent flowers to my work every day for a month and police said thats not illegal")
c("safety_advice-", "told to stop posting on instagram so he couldnt see where I was. I run a business from instagram")
c("respect_equality- withdrawal-", "I'm disabled and the court wasn't accessible, I couldnt get in the witness room. I dropped out after that")
c("cps_charging-", "I wasn't asked about the impact before they accepted a plea to a lesser charge")
c("", "The officer was {name:DC Nowicki}, case {crime_ref:2267451/24}")
c("officer_continuity+", "at least I always had the same detective which helped")
c("communication- court_process-", "The witness care unit had my old address so all the court letters went there")
c("taken_seriously- stalking_recognised-", "I was told that because he hadn't hurt me there was nothing they could do")
c("investigation_quality+ positive+", "They seized his phone and laptop the same day and it made the case")
c("withdrawal-", "I stopped because I didnt trust them to protect me if he found out I was still going ahead")
c("support_referral+ positive+ understanding_process+", "the stalking advocate explained my rights under the victims code which I didnt know I had")
c("", "he lives near {address:8 Church Street}, {postcode:M1 1AE}")
c("communication-", "Please, please just update victims. Even if there's nothing new, tell us that")
c("protective_orders- taken_seriously-", "I reported a breach of the restraining order and the officer said 'he's only sent one message'")
c("court_process-", "I wasn't allowed in the courtroom after giving evidence and nobody told me the outcome until the next week")
c("respect_equality+", "They asked about my communication needs and sent things by email as I asked")
c("", "{name:Mr Thompson} from witness care was the contact")
c("safety_advice-", "The advice to change my phone number meant I lost the evidence of his calls and texts")
c("understanding_process~", "A simple guide to what happens at each stage would be good")
c("cps_charging- communication-", "nobody told me the case had been discontinued. found out at the court when he wasnt listed")
c("stalking_recognised- investigation_quality-", "Officer said it was just 'unwanted contact' and closed it NFA the same day")
c("taken_seriously+ positive+", "finally someone who believed me and didnt make me feel crazy. thank you {name:PC Adeyemi}")
c("withdrawal- court_process-", "Two years waiting for trial, he kept pleading not guilty at the last minute. I couldn't do it anymore")
c("", "it was the {date:5th of November} about 10pm")
c("officer_continuity- communication-", "I never had a named officer. The case seemed to just float around between people")
c("investigation_quality-", "The doorbell footage I sent was 'not viewable' and they never asked for another copy")
c("positive+ safety_advice+", "the safety advice was actually helpful, practical stuff that worked")
c("court_process-", "had to see him and his family in the corridor at court, they were staring at me the whole time")
c("communication- protective_orders-", "found out the restraining order had expired when he showed up again. nobody told me it ended")
c("support_referral- respect_equality-", "The support service couldnt help because I'm not British. Had to find a Polish charity myself")
c("", "His van is {vehicle:WR66 TDO}, white, usually parked on {address:3 Orchard Close}")
c("taken_seriously-", "The officer yawned through my whole statement")
c("cps_charging-", "Was told the CPS 'don't do' stalking cases without physical evidence. Is that true??")
c("understanding_process- communication-", "didn't know I could ask for updates or who to ask")
c("", "Call {phone:0044 7700 900987} evenings only")
c("positive+", "Everyone I dealt with was kind and patient. Thank you")
c("withdrawal-", "i just want him to leave me alone, court wont do that, so whats the point")
c("court_process-", "I was not told the sentencing date and missed reading my victim statement")
c("protective_orders~", "would like more info on what an SPO covers and how long it lasts")
c("stalking_recognised-", "I think they didnt understand stalking at all. They kept asking if he'd been violent")
c("", "Report number {crime_ref:6678124/23}, I reported on {date:07.02.2023}")
c("respect_equality- taken_seriously-", "I'm a sex worker and the officers attitude changed completely when they found out. Like I deserved it")
c("officer_continuity- investigation_quality-", "each new officer started from scratch and lost bits of the evidence")
c("communication- withdrawal-", "They made me feel like it was my job to chase them. I gave up chasing and they closed it")
c("positive+ support_referral+", "My ISVA {name:Gemma} was a lifesaver honestly")
c("taken_seriously-", "belittled at every stage. made to feel like an hysterical woman")
c("investigation_quality-", "His alibi was never checked. I know because I asked")
c("", "its {url:www.facebook.com/profile.php?id=1000824} thats his fake account")
c("court_process- safety_advice-", "He was remanded then released at trial because of time served. Nobody warned me he'd be out")
c("understanding_process+ communication+", "the letter after I reported explained exactly what happens next and who to contact. very clear")
c("cps_charging~", "I'd have liked to speak to the CPS lawyer before the charging decision")
c("safety_advice-", "no safety planning at all, just 'call 999 if he turns up'")
c("stalking_recognised+", "this time they linked all the reports together and saw the pattern")
c("withdrawal- communication-", "I withdrew after 8 months of no contact. I assumed they had dropped it anyway")
c("", "hes posting about me on {url:https://twitter.com/dazza_real/status/17781234} right now")
c("respect_equality-", "They spoke to my son as if he was the adult and ignored me because of my accent")
c("protective_orders-", "The police didnt apply for an SPO even though STAC recommended it")
c("positive+ court_process+", "the judge gave him 2 years and a 10 year restraining order. I finally felt justice")
c("communication-", "auto replies and voicemails. Never a human being")
c("", "{name:Tomasz Wiśniewski} is his full name, the officer has it")

# Polish and mixed English/Polish
c("communication- officer_continuity-", "Nikt mnie nie informował co się dzieje ze sprawą. Policjant {name:Kowalski} zmienił się trzy razy")
c("taken_seriously-", "Policja nie potraktowała mnie poważnie, powiedzieli że to tylko wiadomości")
c("respect_equality-", "Nie było tłumacza, nic nie rozumiałam co mówią. I signed papers I didnt understand")
c("positive+ support_referral+", "Bardzo dziękuję dla pani z organizacji wsparcia, pomogła mi bardzo")
c("court_process-", "Rozprawa była przełożona {date:12 marca} i nikt mi nie powiedział. Bardzo źle")
c("", "Mój numer {phone:07712 345678}, proszę dzwonić po 18")
c("communication-", "nikt nie oddzwonił. Czekałam 3 tygodnie na telefon od policji")
c("safety_advice-", "they told me zmień numer telefonu, ale to nic nie dało, he found the new one in 2 days")
c("withdrawal-", "Wycofałam zeznania bo bałam się o dzieci. Nikt mi nie pomógł")
c("stalking_recognised- taken_seriously-", "Powiedzieli że to nie jest przestępstwo. He follows me every day to work")
c("", "Mój były {name:Marek} mieszka na {address:ul. Długa 14/3} w Polsce ale teraz jest w Londynie")
c("understanding_process- respect_equality-", "Nie rozumiem procesu, wszystko po angielsku, nobody explained in Polish")
c("investigation_quality-", "Dałam policji wszystkie screenshoty i nic nie zrobili z tym")
c("positive+", "Dziękuję za pomoc, policjantka była bardzo miła i cierpliwa")
c("court_process- communication-", "sąd przesunął rozprawę i dowiedziałam się dopiero w dniu rozprawy")
c("protective_orders-", "he broke the zakaz zbliżania się many times and policja nic")

# Advocates
c("communication- officer_continuity-", "As an advocate I spend most of my week chasing OICs for updates my clients should be getting automatically. Many have no named officer")
c("stalking_recognised- investigation_quality-", "Advocate here: we still see stalking recorded as harassment at first report, and once that happens the right statements never get taken")
c("protective_orders-", "Very few of my clients are ever told about SPOs. Officers rarely explain why they're not applying for one")
c("court_process- communication-", "Court adjournments are routinely not communicated to victims in time. One client found out on the steps of the court")
c("withdrawal- court_process-", "The length of time to trial is the main reason my clients withdraw. 18 months+ is common")
c("positive+ communication+", "Credit where due: the stalking unit at North West BCU have been excellent at returning calls to our service")
c("taken_seriously- respect_equality-", "Clients with mental health diagnoses are routinely treated as unreliable witnesses")
c("support_referral-", "referrals from police to our service have almost stopped, we rely on self-referral which misses the most isolated victims")
c("cps_charging-", "Victims should be able to speak to the prosecutor. Mine never do and important details get missed")
c("", "Advocate contact for this client: {name:Jo Baxter}, {email:jo.baxter@advocacy-example.org.uk}, {phone:020 3946 0002}")

# No PII, no clear theme (neutral / off-topic) and near-misses for the redactor
c("", "n/a")
c("", "nothing else to add")
c("", "I called 999 twice and 101 about 15 times over 2 years")
c("", "It started in March 2024 and went on till the summer")
c("", "he lives 5 doors down the road from my mum")
c("", "it was about a 10 min walk from my house")
c("stalking_recognised~", "it was charged under s4A in the end, not s2A")
c("", "I'm 34, 2 kids, work full time")
c("", "see u at 9am")
c("", "Section 2A and 4A of the Protection from Harassment Act 1997")
c("", "i was off work for 3 months and lost about £2000 in pay")
c("", "Not sure what to put here")
c("", "I don't want to say much in case he sees this")
c("", "Over 400 messages in 6 weeks")
c("", "ok")

# More varied and harder ones
c("communication- taken_seriously-", "tbh the worst bit wasnt him it was being ignored by the people who are meant to help. 3 emails 0 replies")
c("officer_continuity- understanding_process-", "Didnt know who my officer was, didnt know what 'OIC' stood for till my advocate told me lol")
c("safety_advice- stalking_recognised-", "the 1st response officer told me it's 'only online' so just come off facebook. It wasnt only online, he was outside {address:16 Park Road} most nights")
c("court_process- respect_equality-", "They put me in a room with no window for 6 hours waiting to give evidence, no water, no info. Treated like I was on trial")
c("investigation_quality- withdrawal-", "they never interviewed him. after a year of that I told them to close it, no point")
c("cps_charging- understanding_process-", "Got a letter saying 'no realistic prospect of conviction' and had to look up what that even meant")
c("positive+ safety_advice+ support_referral+", "Referred to a specialist service same day, they did a risk assessment and safety plan with me. Made me feel human again")
c("protective_orders- safety_advice-", "He breached the order at my kids school and the school had never even been told it existed")
c("communication- court_process-", "wasn't told he pleaded guilty. wasn't told the sentence. found out from the local paper")
c("taken_seriously-", "They acted like I was wasting police time. I have never felt so small")
c("respect_equality+ positive+", "Officer checked I was ok to do the interview in English and offered a Polish interpreter, very thoughtful")
c("withdrawal- taken_seriously-", "When you're told 'theres not much we can do' enough times you stop asking")
c("stalking_recognised-", "apparently because he never said he'd hurt me its not stalking?? he turned up at my door {date:on the 3rd}, {date:the 9th} and {date:the 17th}")
c("communication~", "It would have made the biggest difference to have one regular update, even monthly")
c("understanding_process-", "I thought the police and CPS were the same thing. Nobody explained who does what")
c("support_referral-", "no one mentioned any support services or advocates. only found out months later through a friend")
c("investigation_quality- communication-", "Sent them his new address {address:77 Station Approach}, {postcode:BR1 3DP}, they said they'd look into it. Nothing")
c("positive+", "Cant say enough good things about the officer who handled my case")
c("court_process-", "sentence was a joke. community order and he was back following me in a month")
c("officer_continuity-", "DC {name:Hughes} handed over to DC {name:Morris} who handed over to someone I never even spoke to")
c("safety_advice-", "Was told to carry a rape alarm. He's 6ft4. What is a rape alarm going to do")
c("cps_charging-", "CPS took 7 months to make a charging decision. He was on RUI the whole time with no conditions")
c("taken_seriously- stalking_recognised-", "They said it's just a man who likes you, be flattered")
c("respect_equality-", "I'm trans and was repeatedly misgendered by the officer taking my statement")
c("", "The messages were sent from {email:anon.sender.2291@proton.me} and {url:https://t.me/lonelywolf221}")
c("withdrawal- protective_orders-", "Without an order I didnt feel protected enough to go to court against him")
c("communication+ court_process+", "Witness care rang me the day the trial was moved and explained why. Appreciated")
c("investigation_quality-", "I gave them the names of 3 witnesses, none of them were contacted")
c("understanding_process- support_referral-", "Should of been told about victims code and right to review, found out way too late")
c("positive+ taken_seriously+", "i was scared they wouldnt believe me but the officer was so kind and said you did the right thing coming to us")
c("court_process- communication-", "Defence got my address wrong on court papers ({address:Flat 4, 12 Grove Lane}) which means he now knows where I actually live because they corrected it in front of him")
c("safety_advice~ support_referral~", "it would have helped to be given a list of who to call and what to do if he turns up")
c("stalking_recognised- investigation_quality-", "cyberstalking just isnt understood by the officers I met. they didnt know how to get the data from instagram")
c("officer_continuity-", "each call was a different person and I had to start from the very beginning every single time")
c("communication-", "no one tells u anything!!!!! ffs")
c("cps_charging+", "the CPS lawyer met me before the trial and explained everything which really helped")
c("withdrawal~", "I'm still supporting the case but it's hard")
c("", "his mum {name:Linda} keeps messaging too from {phone:07723 456789}")
c("taken_seriously- respect_equality-", "told that as a police officer myself I should know better than to be scared. disgusting")
c("protective_orders+", "The restraining order has kept him away so far, first time in 3 years")
c("court_process-", "The court listed it at a court 2 hours from where I live, nobody paid for my travel")
c("investigation_quality- stalking_recognised-", "The officer treated each message as a separate malicious comms instead of seeing the whole campaign")
c("support_referral+", "Local stalking advocacy service contacted me within 48 hours of reporting")
c("communication- cps_charging-", "asked 4 times if he had been charged. got 4 different answers")
c("positive+ officer_continuity+", "{name:PC Sam O'Neill} stayed with my case even after he moved teams. Above and beyond")
c("respect_equality- understanding_process-", "I have dyslexia and asked for the letters in plain language. Got 6 page letters full of legal terms")
c("", "Email me back on {email:kasia_w_1990@wp.pl} prosze")
c("safety_advice-", "My safety plan was written by someone who never met me and didnt know I have a disabled child")
c("taken_seriously-", "my concerns were brushed off over and over")
c("court_process- withdrawal-", "after 5 adjournments i told witness care i couldn't do it anymore")
c("communication-", "I had to find out from the victim support worker that he'd been bailed, not the police")
c("", "It was {date:Sunday 28th} or maybe {date:the 27th}, around midnight")
c("understanding_process-", "what even is a 'restorative justice' meeting, they offered it like i should know")
c("stalking_recognised-", "They said turning up at my work isn't an offence unless he threatens me. It was 30+ times")
c("investigation_quality-", "Bodycam wasn't turned on so there's no record of what he said to officers about me")

# ------------------------------------------------------------------------------------------
# Part B: a sentence that carries details + a sentence that carries themes.
DETAIL = [
    "I live at {address:33 Kenton Gardens}, {postcode:HA3 8DL}.",
    "My number is {phone:07700 900777}.",
    "You can reach me on {phone:+44 7911 555 012}.",
    "Crime ref is {crime_ref:4459210/24}.",
    "My ref was {crime_ref:01/559102/23}.",
    "He drives a black Audi {vehicle:LR64 KWT}.",
    "The officer was {name:DS Martin Cole}.",
    "My ex {name:Gary} started this {date:12/09/2022}.",
    "email me {email:survivor.voice@outlook.com}.",
    "he is {handle:@gazza_1983} on twitter.",
    "Incident number {crime_ref:CAD 2214/19JUL24}.",
    "The hearing was on {date:March 3rd 2024}.",
    "It started on {date:1st Feb}.",
    "My name is {name:Aisha Rahman}.",
    "He lives at {address:9 Bell Street}, {postcode:NW1 5BY}.",
    "His reg is {vehicle:KF70YHB}.",
    "Ring {phone:0207 946 0755} and ask for me.",
    "Officer {name:Dawson} dealt with it first.",
    "{name:Mrs Okonkwo} at witness care was my contact.",
    "Im on {phone:07845-332-901}.",
    "his insta is {handle:@k.marsh_91}.",
    "The first report was {date:on 14/02}.",
    "He was called {name:Connor Flynn}.",
    "I'm at {postcode:sw9 7pq}.",
    "The van was {vehicle:M123 ABC}.",
    "Look at {url:instagram.com/dazzler_87} for what he posts.",
    "Statement taken {date:5 Jan}.",
    "My case number {crime_ref:5590127/23}.",
    "My ex-husband {name:Piotr} keeps coming round.",
    "Text me {phone:07 700 900 321}.",
    "I'm {name:Becky} by the way.",
    "reported on {date:the 22nd of June}.",
    "His email was {email:d.harper(at)gmail.com}.",
    "Flat is {address:Flat 12, 5 Marsh Lane}.",
    "It was {date:2023-11-04}.",
    "Named officer was {name:PC Lewis}.",
    "Contact {email:emma.k@btinternet.com} if u need more.",
    "Reference {crime_ref:3302119/24}.",
    "He was in a silver car {vehicle:BD51 SMR}.",
    "His friend {name:Kyle Burton} helps him.",
]
THEMED = [
    ("communication-", "Nobody has updated me since."),
    ("communication-", "I have to chase for every update."),
    ("officer_continuity-", "I've had three different officers."),
    ("taken_seriously-", "I felt like they didn't believe a word."),
    ("stalking_recognised-", "They logged it as a one-off, not stalking."),
    ("safety_advice-", "I still don't feel safe at home."),
    ("protective_orders-", "No one mentioned a protection order."),
    ("investigation_quality-", "They never looked at the CCTV."),
    ("cps_charging-", "The charge was reduced without explanation."),
    ("court_process-", "The trial has been adjourned twice."),
    ("support_referral-", "I was never referred for support."),
    ("understanding_process-", "I don't understand what happens next."),
    ("withdrawal-", "I've decided to withdraw, I can't cope."),
    ("respect_equality-", "I was spoken to like I was stupid."),
    ("positive+", "The officer was really kind."),
    ("positive+ communication+", "They kept me informed the whole way through."),
    ("positive+ support_referral+", "My advocate has been a lifeline."),
    ("", "That's all."),
    ("communication- withdrawal-", "Without updates I lost faith and pulled out."),
    ("court_process- communication-", "I wasn't told when the hearing was."),
    ("taken_seriously+ positive+", "They believed me from the start."),
    ("investigation_quality-", "My statement was never taken properly."),
    ("safety_advice-", "They just told me to block him."),
    ("protective_orders-", "He keeps breaching the order and nothing happens."),
]

# ------------------------------------------------------------------------------------------
# Part C: held out. Written after the cue list in themes.json was frozen, and never used to
# tune it; the quality example scores these separately as the honest estimate.
C = []


def h(themes, text):
    C.append((themes, text))


h("communication- investigation_quality-", "reported the tracker on my car {date:last Thursday the 8th}, officer said someone would ring to arrange collecting it. no one has")
h("taken_seriously-", "She rolled her eyes when I said I was frightened. I will never forget that")
h("court_process- respect_equality-", "The usher pointed me to a seat right next to his mum in the corridor")
h("positive+ support_referral+", "Shout out to my IDVA {name:Rachel}, honestly couldn't have got through it without her")
h("safety_advice-", "Told me to keep a diary and get a camera, at my own cost. I'm on universal credit")
h("cps_charging- communication-", "they charged him with something completely different to what I reported and nobody asked me or told me why")
h("withdrawal- investigation_quality-", "I retracted in the end because they wanted my whole phone for a year and I need it for work")
h("officer_continuity-", "my 4th officer in the case introduced himself by asking me to start from the beginning")
h("stalking_recognised-", "Call handler said showing up at my work with presents was 'romantic if anything'")
h("protective_orders-", "Nobody has ever mentioned an SPO to me and I've reported 11 times")
h("understanding_process-", "i still dont get what 'no further action' means, is it over? can I report again?")
h("respect_equality-", "The officer kept calling my wife 'your friend'. We are married")
h("", "He now lives at {address:62 Harrow View} and drives {vehicle:GN19 UZP}")
h("communication+ positive+", "The officer texted every Friday even just to say no news, that was really reassuring")
h("court_process-", "3 years from report to sentence. He got 16 weeks and was out in 8")
h("taken_seriously- safety_advice-", "Police said to just not answer the door when he comes round. He comes round at 3am")
h("support_referral-", "I had to find the stalking charity myself by googling at 2am")
h("", "Message me {handle:@mariaw_90} or {email:maria.w90@yahoo.co.uk}, my number changed to {phone:07398 221 004}")
h("investigation_quality-", "My neighbour had it all on her doorbell cam and nobody went to get it")
h("withdrawal-", "Nie chcę już tego ciągnąć, jestem zmęczona. I dont want to go to court")
h("communication-", "Policja nie dzwoni, nie odpisuje na maile. Nic nie wiem o sprawie {crime_ref:4471902/24}")
h("positive+ taken_seriously+", "From the first call they treated it as serious and I never felt like a burden")
h("cps_charging-", "The prosecutor agreed a plea deal on the morning of trial without talking to me")
h("court_process- communication-", "no one let me know about the new hearing date, got a text from witness care the night before")
h("respect_equality+ positive+", "they arranged a female officer like I asked and an interview room downstairs for my wheelchair")
h("stalking_recognised- investigation_quality-", "each of my reports got a different reference number and nobody connected them, it took my MP to get them joined up")
h("", "it was outside the school on {date:Weds 14th Feb}, I was with my son {name:Oskar}")
h("safety_advice+ support_referral+", "The advocate helped me make a proper safety plan with code words for my kids")
h("protective_orders- communication-", "He was given bail conditions not to contact me but I only learned what they were from his Facebook post")
h("understanding_process+ positive+", "the detective explained every step in plain English and checked I understood. Made a huge difference")


def parse(marked):
    text_parts, pii = [], []
    pos = 0  # byte offset in output
    i = 0
    for m in re.finditer(r"\{([a-z_]+):([^{}]*)\}", marked):
        before = marked[i:m.start()]
        text_parts.append(before)
        pos += len(before.encode())
        kind, value = m.group(1), m.group(2)
        assert kind in KINDS, kind
        start = pos
        text_parts.append(value)
        pos += len(value.encode())
        pii.append({"kind": kind, "start": start, "end": pos})
        i = m.end()
    text_parts.append(marked[i:])
    text = "".join(text_parts)
    assert "{" not in text and "}" not in text, marked
    return text, pii


def parse_themes(s):
    out = []
    for tok in s.split():
        tid, pol = tok[:-1], POL[tok[-1]]
        assert tid in THEMES, tid
        out.append({"id": tid, "polarity": pol})
    return out


def main():
    rng = random.Random(20240603)
    rows = [(t, m) for t, m in A]
    pairs = [(d, th) for d in DETAIL for th in THEMED]
    rng.shuffle(pairs)
    for d, (th, s) in pairs[:110]:
        joiner = rng.choice([" ", " ", "  ", "\n", " - "])
        rows.append((th, d + joiner + s if rng.random() < 0.6 else s + joiner + d))

    here = os.path.dirname(os.path.abspath(__file__))
    rows = [(t, m, None) for t, m in rows] + [(t, m, "heldout") for t, m in C]
    with open(os.path.join(here, "corpus.jsonl"), "w", encoding="utf-8") as f:
        for themes, marked, split in rows:
            text, pii = parse(marked)
            # Check: every span is on char boundaries and reproduces the marked value.
            b = text.encode()
            for p in pii:
                b[p["start"]:p["end"]].decode()
            row = {"text": text, "pii": pii, "themes": parse_themes(themes)}
            if split:
                row["split"] = split
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} comments")


if __name__ == "__main__":
    main()
