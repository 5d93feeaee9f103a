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
sentence, to get more combinations of detail kinds and themes than writing each by hand (those
rows carry a "group", so cross-validation keeps copies of one themed sentence together).
Part C was the first held-out batch; its errors were studied, so it is dev data now.

Splits: A, B and C are "dev" (cues written and the model trained against them). D and E are
"holdout": written before the tagger was run on them and never used to tune cues or train the
model. D (190) was written first; while broadening the cues afterwards its author avoided its
wording, but it was in mind, so E (110), written once the tagger was final, is the cleaner
estimate. F (132) is a redaction batch, rich in personal details of every kind, written before
the redaction rules for names without cues, relative dates and bare street names, and before
the redactor ran on it. Every row has "split" and "part".

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
# Part C: the first held-out batch (30 comments), written after the cue list was first frozen.
# Its errors were read while the tagger was reworked, so it is development data now; Part D
# is the held-out split.
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

# ------------------------------------------------------------------------------------------
# Part D: the held-out split (batch of 2026-11). Written from the taxonomy in DOMAIN.md before
# the tagger was run on any of it, and never used to tune cues or train the model: the
# quality example scores it separately as the honest estimate. Labelled as a person reads
# them. Part C above (the first, 30-comment held-out batch) was looked at while the cues and
# the model were reworked, so it now counts as development data.
D = []


def d(themes, text):
    D.append((themes, text))


d("communication-", "rang 101 three times about the update i was promised. each time 'someone will call you back'. nobody did")
d("officer_continuity- communication-", "The OIC went off on maternity leave and I only found out when my emails bounced")
d("taken_seriously-", "the officer at the front desk said 'has he actually done anything to you though?' while he was literally outside")
d("positive+", "Just want to say the lady who took my call at 3am was calm and lovely, I was in bits")
d("stalking_recognised-", "They recorded it as harassment even though he'd followed me for months, turned up at my mums, and set up fake accounts. That's stalking isn't it")
d("safety_advice-", "I was told to stop going to the gym because he goes there too. So I gave up the one thing keeping me sane")
d("protective_orders-", "He's broken the restraining order 6 times now. Each time they 'give him words of advice'. Words of advice!")
d("investigation_quality-", "I handed over a USB with every voicemail and nobody ever listened to it, the detective admitted it at the meeting")
d("cps_charging-", "CPS decided not to charge and the letter just said 'insufficient evidence'. Insufficient how? Nobody will say")
d("court_process-", "Court date pushed back again. 4th time. I've stopped telling work because they think I'm making it up")
d("support_referral-", "no one offered me an advocate, I only found out advocates exist from a tiktok")
d("understanding_process-", "got a letter saying he was 'RUI'. had to google it. still dont really know what it means for me")
d("withdrawal-", "I dropped the charges because his family started turning up too and I couldn't cope with it all")
d("respect_equality-", "nobody thought about the fact I use a wheelchair, the station had steps and they made me give my statement in the car park")
d("", "My details are {name:Hannah Okoro}, {phone:07812 334 190}")
d("positive+ investigation_quality+", "they got his phone off him the same night and found the photos he'd taken of my house. couldn't ask for more")
d("communication+ positive+", "my officer sent a text every monday with where things were up to, even if nothing had changed. made a massive difference")
d("taken_seriously- respect_equality-", "he said women like me 'attract this kind of attention'. I'm still angry thinking about it")
d("communication- court_process-", "Nobody told me he'd be released on licence and he was at the bus stop outside my flat the next day")
d("", "it happened on {date:22/08/2025} near {address:14 Lavender Hill}")
d("withdrawal- communication-", "I pulled out because I'd heard nothing for 9 months and assumed they'd given up on it anyway")
d("stalking_recognised- taken_seriously-", "officer said because we were married it's 'a relationship issue' and suggested mediation")
d("positive+ support_referral+", "Paladin have been incredible. Weekly calls, helped with the victim statement, came to court")
d("investigation_quality- officer_continuity-", "the second officer lost the first officer's notes so the early incidents basically don't exist anymore")
d("safety_advice- support_referral-", "No safety plan, no referral, nothing. Just a crime number and 'call us if he comes back'")
d("understanding_process+ positive+", "the leaflet explaining what happens after charge was really easy to follow, wish every stage had one")
d("cps_charging- understanding_process-", "stalking was changed to 'harassment without violence' and I don't know what that means for sentencing, nobody explained")
d("protective_orders~", "It would help to know what counts as a breach of the order so I know when to ring")
d("respect_equality+ positive+", "they found an Urdu speaking officer for my mum who was a witness, really appreciated that")
d("communication-", "2 months. Not one phone call. I only know he was arrested because his sister posted about it")
d("taken_seriously+ positive+", "For once I didn't have to prove I wasn't mad. The detective just said 'I believe you, let's get this sorted'")
d("officer_continuity+ positive+", "Had the same PC from the first report to court which I know is rare. She knew everything without me explaining again")
d("court_process- respect_equality-", "there was no screen and the defence barrister kept calling me by my old married name even after I corrected him")
d("", "Hes {handle:@j_mcallister_x} on snap and his car is {vehicle:FG21 KLM}")
d("withdrawal~", "I'm not sure I can keep going to trial but I don't want him to win either")
d("investigation_quality-", "They didn't take a statement from my flatmate who saw him at the window")
d("stalking_recognised+ positive+", "the call handler asked all the right questions and straight away said this sounded like stalking, I cried with relief")
d("communication- cps_charging-", "Is he charged? Is he not? I've asked my officer twice and got no answer")
d("safety_advice+ positive+", "they fitted extra locks and a camera through the council within a fortnight, I can actually sleep now")
d("support_referral- communication-", "Referred to victim support but they rang once from a withheld number and never again")
d("court_process-", "Sentence was a 12 month community order and 200 pounds costs. He laughed. I've spent more than that on locks")
d("understanding_process-", "Every letter was in legal speak, I had to ask my advocate to translate half of it")
d("respect_equality-", "As a Black woman I felt the officer assumed I was the aggressive one from the start")
d("taken_seriously- stalking_recognised-", "was told 'he's obviously just upset about the breakup, give it time'")
d("", "n/a")
d("", "nothing else to add")
d("", "See my previous answer")
d("protective_orders- investigation_quality-", "I reported a breach with screenshots and the officer said he couldnt open them on his system so nothing was done")
d("communication+ court_process+ positive+", "witness care were good at letting me know each step, dates, who would be there")
d("withdrawal- taken_seriously-", "In the end I withdrew. when the police don't believe you why would a jury")
d("cps_charging+ positive+", "The prosecutor rang me before the plea hearing and asked what I thought about the plea. Felt listened to for once")
d("court_process~", "Video link for giving evidence should just be standard for stalking victims")
d("safety_advice-", "The advice was 'don't go out alone at night'. I work nights. So what, quit my job")
d("stalking_recognised- investigation_quality-", "Three different reports in three boroughs and nobody linked them until I did it myself with a spreadsheet")
d("support_referral+", "Got a call from the advocacy service the day after I reported, which I didn't expect")
d("officer_continuity-", "no idea who's dealing with my case anymore. the name on my last letter has left")
d("taken_seriously-", "She said 'are you sure you're not reading too much into it?' He had a key to my flat cut")
d("", "{name:DC Lawrence} {crime_ref:5512098/25}")
d("investigation_quality- taken_seriously-", "They wouldn't look at the messages because 'they're on Instagram, not a phone'. Like that matters")
d("communication- understanding_process-", "I don't even know what stage we're at. Is it with CPS? Is it still police? nobody tells me")
d("positive+", "thank you for making this survey, its good someone is asking")
d("positive+ support_referral+ safety_advice+", "My ISVA helped me put a safety plan together and got me on the sanctuary scheme")
d("court_process- communication-", "the trial went ahead without me because the letter went to my old address. found out on facebook he was found not guilty")
d("withdrawal-", "Didnt want to go through court because I'd have to see him, and I've only just stopped shaking when I think of his face")
d("respect_equality-", "the officer kept speaking to my husband instead of me even though it was me being stalked. because I have an accent?")
d("cps_charging-", "no contact from the CPS at all, I didn't even know who the prosecutor was till the day")
d("protective_orders+ positive+", "SPO came through in 3 weeks and the officer rang me to go through the conditions one by one. Brilliant")
d("taken_seriously- safety_advice-", "The officer said ‘just ignore him and he’ll get bored’. Its been 2 years. He hasnt got bored")
d("investigation_quality+", "they took my statement properly over two sessions and didn't rush me")
d("", "I'm the victim's mum, she's 17. Our address is {address:5 Ferndale Close}, {postcode:SE13 6LQ}")
d("understanding_process~", "a simple timeline of what happens after reporting would help so much")
d("communication-", "Promised a call back 'within 48 hours'. That was {date:3rd October}")
d("officer_continuity- taken_seriously-", "The new officer clearly hadn't read anything and asked if I'd 'tried talking to him'")
d("support_referral-", "The support service had a 4 month wait. Four months while he's still outside my house")
d("stalking_recognised-", "It was recorded as 'malicious communications' because it was online, but he also came to my house twice")
d("court_process+ protective_orders+ positive+", "The judge gave him a restraining order indefinitely and explained to me afterwards why, I felt respected")
d("withdrawal- support_referral-", "I stopped supporting the case when my advocate left and no one replaced her")
d("cps_charging- court_process-", "He pleaded to a lesser offence and I only found out at court. Nobody asked me first")
d("respect_equality+", "The officer asked what pronouns I use and used them, which shouldn't be a big deal but it was")
d("taken_seriously-", "I was made to feel like I was the problem for 'keeping in contact'. I replied to ONE message in two years")
d("", "he goes to the gym on {address:Kings Road} every morning about 7")
d("safety_advice~", "I'd have liked a panic alarm or someone to check my locks")
d("communication- investigation_quality-", "They said they'd get the CCTV from the station. I asked 3 weeks later and they hadn't, and now it's wiped")
d("positive+ taken_seriously+", "First officer I spoke to took it seriously, wrote everything down, didnt make me feel silly")
d("officer_continuity-", "passed from officer to officer like a parcel")
d("understanding_process- court_process-", "I didn't know I could make a victim personal statement until after he was sentenced")
d("protective_orders-", "was never told I could apply for a non mol myself, only found out from a friend who's a solicitor")
d("investigation_quality-", "the officer never even asked for the number he was calling from")
d("cps_charging~", "would be good if CPS explained decisions in person, not by letter")
d("court_process-", "I was in the witness room for 7 hours and then told to come back tomorrow")
d("withdrawal- safety_advice-", "I withdrew because I was scared that going to court would make him worse and nobody could promise me I'd be safe")
d("respect_equality- understanding_process-", "I'm autistic and the interview was loud and rushed, I couldn't process what they were asking")
d("communication+ positive+", "honestly the updates were great. text, email, whatever I wanted")
d("", "Crime no {crime_ref:6619034/25}, officer {name:PC Danvers}")
d("taken_seriously- stalking_recognised-", "Officer: 'He's just persistent, some men are like that'")
d("support_referral+ positive+", "Without my advocate I'd have given up months ago. She chased the police for me every week")
d("safety_advice-", "they told me to get a new phone and new number which meant losing all my contacts and my work number")
d("investigation_quality- communication-", "My laptop has been with the police for 8 months. No idea if anyone's looked at it, no one will tell me")
d("court_process-", "the trial was moved to a court in Kent, 2 hours each way, and I couldn't afford the train")
d("understanding_process- cps_charging-", "What does 'no realistic prospect of conviction' actually mean? He did it. I have proof")
d("communication-", "Od trzech miesięcy nikt się ze mną nie kontaktował w sprawie zgłoszenia")
d("taken_seriously-", "Policjant powiedział, że przesadzam i że to tylko wiadomości")
d("respect_equality-", "Nie było tłumacza i musiałam mówić po angielsku, nie wszystko zrozumiałam")
d("positive+ support_referral+", "Bardzo dziękuję pani z organizacji wsparcia, bardzo mi pomogła")
d("court_process- communication-", "Rozprawa była przełożona dwa razy i nikt mi nie powiedział dlaczego")
d("safety_advice-", "Kazali mi zmienić numer telefonu. Dalej się boję wychodzić z domu")
d("withdrawal-", "Wycofałam zgłoszenie bo bałam się że on się zemści")
d("communication- officer_continuity-", "my officer zmienił się chyba 3 razy i nikt mi nie mówi who is the new one")
d("stalking_recognised-", "Powiedzieli że to nie jest stalking tylko konflikt sąsiedzki")
d("investigation_quality-", "Dałam im nagrania z kamery i nikt ich nie obejrzał")
d("positive+", "dzięki za wszystko, naprawdę")
d("understanding_process- respect_equality-", "Nie rozumiem co się dzieje ze sprawą, dostałam list po angielsku z samymi prawniczymi słowami")
d("protective_orders-", "On łamie zakaz zbliżania się a policja nic nie robi")
d("", "Mój numer {phone:07951 220 348}, proszę dzwonić po 18")
d("cps_charging- communication-", "CPS umorzył sprawę and nobody explained why, dostałam tylko krótki list")
d("taken_seriously+ positive+", "Policjantka mi uwierzyła od razu, pierwszy raz ktoś mnie wysłuchał")
d("court_process-", "sad dal mu tylko grzywne, to smieszne")
d("support_referral-", "nikt mi nie powiedział o żadnej pomocy dla ofiar, sama szukałam w internecie")
d("communication-", "As an IDVA I spend half my week chasing OICs for updates my clients should have been given")
d("officer_continuity- communication-", "Advocate here: OIC changes are rarely communicated to us or the client, we find out when emails bounce")
d("protective_orders-", "We see SPOs applied for in a tiny fraction of our cases, officers often don't know they exist")
d("stalking_recognised-", "Most of my clients' reports start as harassment or malicious comms, the stalking pattern is only picked up when we push")
d("support_referral-", "Referrals to our service from this BCU have dropped off a cliff, victims are coming to us themselves")
d("cps_charging- understanding_process-", "Clients are still not being told about their right to review a CPS decision")
d("court_process-", "ISVA perspective: special measures applications are being made too late, clients find out on the morning of trial")
d("positive+ investigation_quality+", "Credit to the stalking unit in this area, the evidence packs they put together are excellent")
d("safety_advice-", "I'm an advocate and the 'safety advice' my clients get is still mostly 'block him and change your number', which destroys evidence")
d("taken_seriously- withdrawal-", "Clients tell me they withdraw because they were made to feel like time wasters at the first report")
d("respect_equality-", "Several of my clients with limited English were interviewed using a family member as interpreter, including one where the interpreter was the suspect's cousin")
d("positive+ communication+", "Really good joint working with the OIC on my client's case, she copied me into every update")
d("communication-", "no calls no txts nothing")
d("taken_seriously-", "didnt beleive me")
d("positive+", "10/10 cant fault them")
d("", "ok")
d("court_process-", "adjurned AGAIN")
d("", "dont want to say")
d("safety_advice-", "still scared 2 leave the house tbh")
d("officer_continuity-", "who even is my officer lol")
d("withdrawal-", "gave up. wasnt worth it")
d("positive+", "they were sound tbf")
d("communication-", "ppl dont ring back, ever")
d("support_referral+ positive+", "advocate = legend")
d("investigation_quality-", "they never even went to get the footage smh")
d("", "{name:Jade} x")
d("respect_equality-", "treated me like dirt cos of where i live")
d("communication- officer_continuity- taken_seriously- stalking_recognised- withdrawal-", "Where do I start. I reported in the spring. The first officer was nice enough but said he was moving teams and someone would be in touch. Nobody was. When I rang, the new officer didn't know who I was, asked me to go over everything again, and then told me that as he hadn't threatened me there wasn't much they could do. I gave up after that. He still drives past my house most nights")
d("positive+ officer_continuity+ communication+ court_process+", "I want to say how good DC {name:Mensah} was. She stayed on my case for the whole 14 months, rang me after every hearing, and came to find me at court to explain the sentence. I know lots of people don't get that")
d("investigation_quality- cps_charging- withdrawal-", "They didn't download his phone, didn't get the doorbell footage, didn't speak to my neighbour. Then the CPS said there wasn't enough evidence. Of course there wasn't, nobody collected any. I've told them I won't support any more reports, what's the point")
d("safety_advice- protective_orders- support_referral+", "The police advice was basically to move out. My advocate was the one who told me about SPOs and pushed the police to apply. It still hasn't happened but at least someone's trying")
d("court_process- respect_equality- positive+", "Court was awful. We were in the same corridor, his mates were in the public gallery making comments, and the defence asked about my sex life. The only good bit was the witness service volunteer who sat with me the whole day")
d("understanding_process- communication- cps_charging-", "I was told he was 'charged' then a week later that he was 'summonsed', then that the 'file had gone back'. I didn't understand any of it and nobody took the time to explain what any of it meant for me")
d("taken_seriously+ stalking_recognised+ safety_advice+ positive+", "The officer who came out to me was brilliant. She went through the DASH questions, said straight away this was stalking, and made a proper safety plan with me before she left. First time in two years I felt anyone understood")
d("positive+ communication-", "officer was kind when I reported but after that I never heard a thing")
d("support_referral+ positive+ court_process-", "Advocate was great but court was a shambles, listed then unlisted three times")
d("investigation_quality+ positive+ cps_charging-", "The police did a good job getting the evidence together but CPS still dropped it")
d("protective_orders-", "Court gave a restraining order but when he breached it the police took 5 hours to come")
d("communication-", "I have a named officer but she never answers her phone or emails")
d("cps_charging-", "Why does it take CPS 8 months to decide something they then decide in a 2 line letter")
d("court_process-", "his sentencing was adjourned for reports, then adjourned again because the report wasn't ready")
d("withdrawal~ understanding_process~", "If I withdraw now can I restart it later if he starts again? I'd like to know before I decide")
d("respect_equality-", "The officer made a joke about my weight while I was giving my statement")
d("safety_advice- taken_seriously-", "When I said I was frightened to walk home, I was told to 'get a taxi then'")
d("stalking_recognised-", "They kept saying 'but has he actually threatened you' as if following me every day isn't threatening")
d("investigation_quality-", "no one checked the ANPR even though I gave them his reg {vehicle:LD19 WXP} and times")
d("communication- protective_orders-", "he was bailed with conditions and nobody told me what they were, I found out from the custody record months later")
d("", "My solicitor is {name:Mr Patel} at {email:j.patel@patel-law.co.uk}, speak to him")
d("positive+", "The response from the police on {date:Saturday night} was amazing, there in 10 minutes")
d("support_referral- understanding_process-", "Nobody told me about the Victims' Code or that I could get an advocate, I only learned this after the case ended")
d("taken_seriously-", "The officer asked me what I was wearing the first time he approached me. Why would that matter")
d("officer_continuity+ positive+", "Having one detective throughout meant I never had to go over it again. Thank you DC {name:Rowe}")
d("court_process~", "Please give victims a separate entrance at court. It's the least you can do")
d("communication-", "The update I got was 'no update'. Every single time")
d("withdrawal- court_process-", "I said I wouldn't give evidence after the third adjournment. I'd been off sick with stress for months")
d("", "Started {date:around Easter 2024} and he lives at {address:Flat 3, 88 Queens Road}")
d("respect_equality+ positive+", "They let me bring my support dog into the interview and were really patient with my anxiety")
d("stalking_recognised- cps_charging-", "It went from stalking to harassment to a caution. Each step he got off lighter")
d("safety_advice+ positive+", "the officer walked me through what to do if he turned up, code word with my neighbour, 999 silent call thing. Practical and it helped")
d("support_referral~", "more info about charities that help with stalking would be useful at the point of reporting")
d("investigation_quality- protective_orders-", "he breached bail 4 times and they never arrested him once, just 'noted it'")
d("communication- court_process-", "I get texts from witness care with dates but never what actually happened at the hearing")
d("", "his new partner {name:Chloe} messages me from {handle:@chlo.b_x} and {url:https://www.tiktok.com/@chlo.b_x}")
d("communication-", "When I ring I get put through to a voicemail that's full. Every time")
d("taken_seriously- respect_equality-", "The officer said I was 'playing the victim' in front of my children")
d("positive+ communication+ understanding_process+", "the officer explained what RUI meant, what bail would mean, and sent me an email with it all written down. thank you")
d("court_process-", "Trial was cracked on the day because he changed his plea. Nobody had warned me it could happen and I'd not slept for a week")
d("investigation_quality-", "they still haven't interviewed him. its been 5 months and he's posting about me every day")
d("stalking_recognised-", "They said it's only stalking if there's fear of violence. I was terrified, that should count")
d("", "I can be reached at {email:t.hussain.92@gmail.com} or on {phone:020 8123 4567}")
d("withdrawal-", "My mum begged me to drop it because of what his family might do. So I did")
d("respect_equality-", "I was interviewed in a room with the door open and people walking past, no privacy or dignity at all")

# ------------------------------------------------------------------------------------------
# Part E: a second held-out batch, written after the cues and the model were final and before
# the tagger was run on any of it. Part D's text was in the author's mind while cues were
# broadened from dev errors, so E is the cleaner estimate; the quality example prints both.
E = []


def e(themes, text):
    E.append((themes, text))


e("communication-", "Three voicemails and an email later and still nothing from the officer dealing with it")
e("taken_seriously-", "The PCSO I spoke to basically shrugged and said men will be men")
e("positive+", "Honestly couldn't have asked for a better response on the night, they were brilliant with my kids")
e("court_process-", "Hearing got moved to next spring. I've been waiting since last summer. It's torture")
e("safety_advice-", "Their solution was for me to stop using my own front door and go in through the back")
e("protective_orders-", "He keeps sending messages through his cousin which is a breach but apparently 'not a direct breach' so nothing")
e("investigation_quality-", "I gave them the dashcam footage from my car and nobody ever asked for the full file")
e("cps_charging-", "CPS turned it down for a second time. Nobody from CPS has ever actually spoken to me")
e("support_referral+ positive+", "The lady from the stalking advocacy charity has been my rock. Rings every week")
e("understanding_process-", "I still don't understand the difference between being charged and being 'summonsed'")
e("withdrawal-", "I told them I don't want to carry on. He's moved away and I just want to forget it")
e("respect_equality-", "They kept asking my teenage son to translate for me. He should never have heard those details")
e("officer_continuity-", "Nobody seems to own my case. Every time I ring it's 'oh that officer's not on today'")
e("stalking_recognised-", "The officer wrote it up as a one-off argument between exes. It's been going on for 3 years")
e("", "Please contact my daughter {name:Amira} on {phone:07700 914 223} rather than me")
e("communication+ positive+", "Every time something happened with the case the officer emailed me the same day. Really appreciated it")
e("taken_seriously+ positive+", "She listened to the whole thing without interrupting and said it's not my fault. I needed to hear that")
e("court_process- respect_equality-", "At court the defence barrister made comments about my clothes and the judge let it go")
e("investigation_quality- communication-", "They said they'd speak to his employer. Months later I found out nobody ever did")
e("safety_advice+ positive+", "They put a marker on my address so if I ring 999 they come straight away. That makes me feel a lot safer")
e("protective_orders+ positive+", "The non-molestation order came through fast and the officer explained exactly what to do if he breaks it")
e("cps_charging- understanding_process-", "The charge was changed and I got a letter full of legal codes I couldn't make sense of")
e("withdrawal- taken_seriously-", "I withdrew because the last officer made it obvious he thought I was making a fuss")
e("", "n/a thanks")
e("support_referral-", "I asked about an ISVA three times and was never given one")
e("communication- cps_charging-", "I only know the CPS decided to charge because my friend saw it in the paper")
e("officer_continuity+ positive+", "Same officer for the whole two years, knew my case inside out. That made the biggest difference")
e("court_process+ positive+", "The court let me give evidence from a separate room by video, it made it bearable")
e("taken_seriously-", "When I cried the officer told me to calm down and stop being emotional")
e("stalking_recognised+ positive+", "First time anyone called it stalking was the officer from the specialist team. Everything changed after that")
e("safety_advice-", "I was told to stay with friends for a while. For how long? I have a job and a cat")
e("respect_equality+ positive+", "They arranged a Polish interpreter for every meeting without me having to ask")
e("communication-", "Had to chase for every single update. If I didn't ring, nothing")
e("investigation_quality-", "The detective admitted they hadn't looked through the phone records yet. After 6 months")
e("court_process- communication-", "He was sentenced to a few months and was out before I even got a letter about it")
e("understanding_process+ positive+", "The victim care officer walked me through the court process step by step, I knew exactly what to expect")
e("protective_orders- communication-", "Nobody told me his bail conditions had been lifted. I saw him in my street")
e("withdrawal~", "I have thought about stepping back from the case many times")
e("", "{name:Tom} (my brother) has all the details, his email is {email:tomh_1979@outlook.com}")
e("respect_equality-", "I use a hearing aid and the officer just talked faster and louder when I asked him to repeat")
e("cps_charging+ positive+", "CPS kept the stalking charge even when his solicitor pushed for harassment. Thank you")
e("support_referral- communication-", "I was told someone from victim support would call within a week. Nobody called")
e("positive+", "Cheers to the sergeant who sorted it all out")
e("taken_seriously- stalking_recognised-", "They said he probably just misses me and wants to talk")
e("investigation_quality+ positive+", "They went door to door asking neighbours and found a witness I didn't know about. Impressive")
e("court_process- communication-", "Witness care never told me the trial had been moved. I got there and the courtroom was empty")
e("safety_advice- taken_seriously-", "Officer said if I'm that worried I should think about moving. Like it's my fault")
e("understanding_process-", "I don't know what my rights are, nobody's ever told me")
e("communication~", "A text message update once a month would be enough, honestly")
e("withdrawal- communication-", "I gave up on it because no one could tell me anything about where it was at")
e("officer_continuity-", "I'm on my third OIC and each one wants to meet to 'get to know the case'")
e("", "He's been posting from {handle:@nightowl_uk77}, screenshots are with the police")
e("respect_equality- taken_seriously-", "Because I'm a man nobody took it seriously that a woman could be stalking me")
e("protective_orders-", "The restraining order has no power of arrest attached apparently so when he turns up they just give him a warning")
e("cps_charging-", "Took the CPS nearly a year to decide there wasn't a case. A year of my life")
e("positive+ support_referral+", "Found the helpline through my GP and they were fantastic")
e("court_process-", "Four adjournments because his lawyer kept being ill")
e("stalking_recognised- investigation_quality-", "Each time I reported they treated it as a new incident, nobody looked at the history")
e("safety_advice+", "Got a personal alarm and a safety plan from the officer on the first visit")
e("taken_seriously+", "I felt believed from the first phone call")
e("investigation_quality-", "He's never even been interviewed. They said they couldn't find him. He lives where he always lived")
e("", "happened again {date:last Tuesday}")
e("communication-", "I find out more from the court website than from the police")
e("support_referral+", "Referred to an IDVA within days, she was straight on the phone to me")
e("withdrawal- safety_advice-", "I'm scared that if I go to court he'll find out where I live now, so I pulled out")
e("respect_equality+ positive+", "The officer was careful to speak to me privately, away from my husband, which I appreciated")
e("court_process-", "The sentence was suspended again. He's breached suspended sentences before")
e("understanding_process- cps_charging-", "Nobody explained what 'NFA pending further evidence' means. Is it closed or not?")
e("communication+ positive+", "I got a call from the OIC the minute he was arrested, which helped me sleep")
e("officer_continuity- investigation_quality-", "When my officer left, the new one didn't have half the statements I'd given")
e("", "I'd rather not say more here")
e("taken_seriously-", "'Are you sure you want to report this? It could ruin his life.' That's what I was told")
e("positive+", "Thanks to everyone at the station who treated me like a human being")
e("safety_advice-", "no one did a risk assessment, I had to ask for one")
e("protective_orders-", "I'd like to know if I can get a stalking protection order, no one has mentioned it")
e("cps_charging- court_process-", "The prosecutor changed on the day and I never got to meet them")
e("court_process+ positive+", "The witness service volunteer was lovely, explained where to sit and what would happen")
e("stalking_recognised-", "They recorded the threats but not the following, as if they were separate things")
e("investigation_quality- taken_seriously-", "They wouldn't take my diary of incidents as evidence, said it was 'just my word'")
e("withdrawal-", "I asked them to close it. I couldn't keep reliving it")
e("", "{address:Flat 7, 40 Cedar Road}, {postcode:N15 4RT} is where it keeps happening")
e("respect_equality- taken_seriously-", "I was called 'hysterical' in front of other people at the front desk")
e("communication- understanding_process-", "I keep getting automated letters that don't say anything useful about my case")
e("support_referral-", "The counselling I was referred to has a 9 month waiting list")
e("positive+ taken_seriously+", "The call handler took me seriously and sent someone straight away. Thank you so much")
e("officer_continuity-", "I have never once spoken to the same person twice")
e("cps_charging~", "I wish CPS would meet victims before deciding to drop stalking charges")
e("safety_advice-", "There was no plan for what to do when he's released. He gets out next month")
e("court_process-", "Being made to sit in the witness box while he stared at me from the dock, no screen, was horrible")
e("taken_seriously- respect_equality-", "They treated me like I was the problem because I'd been drinking that night")
e("investigation_quality-", "They lost my statement and I had to give it all again")
e("understanding_process+ positive+", "The leaflet about what happens after reporting was clear and useful")
e("communication-", "Messages to the OIC go unanswered for weeks")
e("withdrawal- court_process-", "I couldn't face giving evidence after two years of delays, so I told them I was done")
e("stalking_recognised- taken_seriously-", "He's sent me over 500 messages and I was told that's harassment at most, not stalking, because he's not threatening")
e("", "Reference {crime_ref:2290417/25} for the original report")
e("positive+ support_referral+", "Dziękuję mojej adwokatce ze stowarzyszenia, bez niej bym się poddała")
e("communication-", "Nikt do mnie nie oddzwonił mimo obietnic")
e("court_process-", "Sprawa w sądzie ciągle przesuwana, już trzeci raz")
e("taken_seriously-", "Policjant się śmiał kiedy opowiadałam co się dzieje")
e("safety_advice-", "Powiedzieli żebym się wyprowadziła. Gdzie mam iść z dwójką dzieci?")
e("respect_equality- understanding_process-", "No Polish interpreter, I signed papers I didn't understand")
e("investigation_quality-", "Nie wzięli nawet mojego telefonu z wiadomościami jako dowód")
e("withdrawal-", "wycofuję się, nie mam już siły")
e("positive+", "super pomoc, dziękuję bardzo")
e("communication-", "still waiting on that call back from {date:March}")
e("positive+", "v helpful ty")
e("taken_seriously-", "felt like a joke to them tbh")
e("court_process-", "trial cancelled AGAIN smh")
e("support_referral-", "no support offered whatsoever")

# ------------------------------------------------------------------------------------------
# Part F: a third held-out batch (2026-11-28), written for redaction before any rule change
# for the miss categories (names without a cue, relative dates, bare street names), and
# before the redactor was run on any of it. Rich in personal details of every kind, labelled
# as a person reads them: a street named without a house number is an address, a weekday that
# points at one particular day ("last Tuesday", "on Saturday night") is a date, a recurring
# one ("every Friday") is not; a month alone or a month and year is not a date; towns,
# boroughs and organisations are not personal details.
F = []


def f(themes, text):
    F.append((themes, text))


f("communication-", "{name:Gary} kept ringing from withheld numbers all weekend and when I reported it {date:on Monday} nobody rang me back")
f("investigation_quality-", "He waited outside his flat on {address:Mill Road} for me {date:last Tuesday} and again {date:on Thursday}. The officer said without CCTV there was nothing to go on")
f("taken_seriously-", "The officer who came out, {name:Steve} I think, said {name:Liam} was probably just lonely and would get over it")
f("positive+ communication+", "{name:Kerry-Ann} from the stalking unit rang me every Friday without fail, she was amazing")
f("", "he parks his van {vehicle:LK18 ZXC} at the end of {address:Beechwood Crescent} most nights")
f("investigation_quality-", "I gave them his new number {phone:07923 118 402} and a log of every call since {date:the 3rd of Feb} and they still said there wasnt enough")
f("officer_continuity-", "First it was {name:DC Hollis}, then {name:DS Kaur}, then someone called {name:Bradley} who never introduced himself properly")
f("", "my name is {name:Joanne Pritchard} and my reference is {crime_ref:4470913/24}")
f("stalking_recognised-", "{name:Marek} followed me from work to Sainsbury's on {address:Fore Street} and the call handler said thats not a crime")
f("court_process- communication-", "Trial was meant to be {date:Wednesday the 9th}, I only found out it was off when I got to court")
f("", "He messages me as {handle:@gaz_b_1979} and on snap as {handle:gazzab79}")
f("safety_advice-", "Police told me to stop walking the dog along {address:Canal Lane} in the evenings. Its the only way to the park")
f("taken_seriously- respect_equality-", "when I said my ex {name:Dariusz} was watching the house the PC laughed and said 'you Polish girls'")
f("communication-", "Rang {phone:0300 123 1212} and asked for {name:Sgt Fenwick}, they said they'd pass a message on. That was {date:Christmas Eve}")
f("", "my ex is {name:dave} btw, {name:dave harrison}, lives in the flats behind {address:Elm Grove}")
f("protective_orders-", "He breached the SPO on {date:New Year's Day} by coming to {address:14 Tennyson Avenue} and the police took 6 hours")
f("investigation_quality-", "His car is a grey Corsa, reg {vehicle:yf16 khd}, I gave them the dashcam clip and they never watched it")
f("positive+ taken_seriously+", "{name:PC Okoro} and {name:PC Bell} were brilliant on the night, they believed me straight away")
f("", "It all started {date:on Boxing Day 2023} at my sisters in {address:Hazel Drive}")
f("communication- investigation_quality-", "I emailed {email:stalking.unit@police.example.uk} {date:on the 4th} with screenshots and got an automatic reply")
f("withdrawal-", "I withdrew after {name:Tomek}'s brother came round and said I'd regret it")
f("court_process-", "Hearing was listed {date:12/11/2025} then {date:03.02.2026} then they lost the file")
f("", "{name:Big Mick} from the pub is the one who told him where I live, everyone knows him")
f("support_referral+ positive+", "My IDVA {name:Shanice} is the only reason I'm still going, she came to every appointment")
f("taken_seriously-", "I was told {name:Callum} was 'a nice lad really' by an officer who knew his dad")
f("communication-", "crime number {crime_ref:5528104/25} and nobody has been in touch since {date:the 14th}")
f("", "he turns up at the school gates on {address:Holloway Road} every single morning")
f("investigation_quality- stalking_recognised-", "I gave the CAD numbers {crime_ref:CAD 3317} and {crime_ref:CAD 4120/02MAR25} and asked them to link them, they never did")
f("respect_equality-", "the officer kept calling me {name:Kasia} even though my name is {name:Katarzyna} and I asked him twice")
f("", "Contact me on {phone:07 9111 22334} or {email:k.nowak.1989@o2.pl}")
f("safety_advice+ positive+", "{name:PC Dunmore} fitted a video doorbell and a panic alarm within a week. I sleep again")
f("cps_charging-", "The CPS lawyer, {name:Ms Achterberg}, decided on {date:2 October} not to charge. No meeting, just a letter")
f("", "He lives at {address:7a Colliery Row}, {postcode:DH4 5QW} with his new girlfriend")
f("communication- officer_continuity-", "I was told {name:Jess} would be my contact then {name:Jess} went on maternity leave and nobody took over")
f("stalking_recognised-", "Hes been following me since {date:the 2nd of January}. Thirty times at least. They logged it as a neighbour dispute because he lives on {address:Orchard Way} too")
f("", "{name:Wojtek} ma nowy numer {phone:+48 512 334 908} i dalej pisze")
f("taken_seriously-", "Policjant powiedział że {name:Bożena} na pewno przesadza. Ja jestem {name:Bożena}")
f("court_process- respect_equality-", "At Snaresbrook his brother {name:Connor} sat right behind me in the gallery and nobody moved him")
f("", "its {url:https://www.facebook.com/darren.hollis.5891} and {url:instagram.com/d.hollis_91}")
f("investigation_quality-", "I told them his mate {name:Jordan} was the one driving {vehicle:BV69 WXS} past my house and they never spoke to him")
f("communication-", "Still waiting for the call {name:DC Reilly} promised {date:last Friday}")
f("positive+ court_process+", "The witness service lady, {name:Maureen}, held my hand before I went in. Thank you {name:Maureen}")
f("", "{name:Piotrek} works at the car wash on {address:Bridge Street} and sees me pass every day")
f("protective_orders- communication-", "The non-mol was granted {date:on the 20th} but nobody served it on him until {date:the 3rd of May}")
f("safety_advice-", "Advice from the officer was to 'change my routine'. I've changed my route, my gym, my number ({phone:07400 998 776} now), still he finds me")
f("", "Crime reference {crime_ref:01/339182/25}, officer in case {name:DC Amelia Grant}")
f("understanding_process-", "{name:Dean}'s solicitor sent me a letter about 'disclosure' and I had no idea what it meant or whether I had to reply")
f("taken_seriously- stalking_recognised-", "they said as {name:Ryan} had never hit me it was 'low risk'. He'd been outside {address:Flat 2, 31 Wellington Street} every night for a month")
f("", "I'm on whatsapp {phone:+44 7523 600 114} if you need more")
f("officer_continuity+ positive+", "Having {name:Sergeant Mills} the whole way through meant I never had to start again")
f("communication-", "Nobody told me he'd been released on {date:Sat 14th}. I saw him at Morrisons on {address:Leeds Road} the next morning")
f("", "{name:Kev} and his mate {name:Dazza} both drive white vans, {vehicle:KN17 OXT} is the one I see most")
f("investigation_quality-", "They didnt even check the ring camera at number {address:42 Willow Gardens} which points right at my door")
f("cps_charging- communication-", "{name:Mr Haddad} from the CPS said he'd call me before the decision. He didnt")
f("court_process-", "{date:Tuesday 18th March} trial. Adjourned. {date:Thursday 29th May}. Adjourned. I've given up counting")
f("", "he calls himself {name:Tyler} online but his real name is {name:Nathan Breen}")
f("withdrawal- safety_advice-", "I pulled my statement last week because {name:Lukasz} found out where I moved and nobody could protect me")
f("respect_equality-", "The custody sergeant referred to {name:Aaliyah} as 'the girlfriend' the whole time, she's my wife")
f("", "Ref {crime_ref:CRIS 6640192/24}. Hes at {address:19 Saxon Close} again")
f("positive+ support_referral+", "Thank you to {name:Agata} at the Polish centre who came with me to give my statement")
f("stalking_recognised-", "They treated {name:Grzegorz} turning up {date:on the 5th}, {date:the 6th} and {date:the 9th} as three separate things, not stalking")
f("communication-", "email from {email:witnesscare.north@cps.example.gov.uk} said trial moved, no new date, no phone number")
f("", "He was born {date:14/07/1986} if that helps find him, his name is {name:Craig Doyle}")
f("taken_seriously-", "I said I was scared and {name:PC Ashworth} said 'scared of a text message?'")
f("investigation_quality- communication-", "{name:Leanne} from next door gave a statement {date:on Sunday} and hasn't heard anything either")
f("", "his tiktok is {handle:@real_gazza99} and his email is {email:gazza99 at hotmail dot co dot uk}")
f("safety_advice-", "They suggested I stay at my mums in {address:Priory Road} but he knows exactly where that is")
f("officer_continuity-", "{name:DC Barnes} left, {name:DC Oduya} was off sick, and now I don't know who has it")
f("court_process- communication-", "The sentencing is on {date:the 27th} and I only know because {name:Natalie} at witness care texted")
f("", "My ex {name:Przemysław Zieliński} mieszka teraz na {address:ul. Ogrodowa 7/12}")
f("protective_orders-", "I asked {name:DS Whitlock} about a stalking protection order three times, she said they're 'for serious cases'")
f("positive+", "Shout out to {name:Mo} on the front desk at the station, kindest person I met in all this")
f("", "The car following me was {vehicle:WF63 ZPL}, black Golf, {date:Friday 21st} about 11pm near {address:Station Road}")
f("understanding_process- cps_charging-", "Nobody explained why {name:Shaun} got a caution. I found out from his facebook")
f("taken_seriously- respect_equality-", "When I said {name:Omar} was stalking me the officer asked if it was a cultural thing")
f("", "Reach me on {phone:07712-004-913} after 5, ask for {name:Tina}")
f("investigation_quality-", "They lost the USB with the voicemails from {date:17th and 18th June}")
f("communication- withdrawal-", "After {date:the 8th of March} there was silence for 4 months so I told them to close it")
f("", "hes {handle:@lee.marsh.x} on insta and {handle:@leemarshofficial} on twitter")
f("stalking_recognised+ positive+", "{name:DC Sheridan} said the word stalking on day one. Nobody else had")
f("court_process-", "Magistrates at Highbury Corner gave him a fine. He was outside my house that evening")
f("", "I live on {address:Chestnut Avenue} and he moved into {address:number 14} opposite")
f("support_referral-", "I was referred to {name:Pauline} at the support service and never heard from her")
f("safety_advice- taken_seriously-", "{name:Dave} smashed my car window {date:on the 11th} and I was told to get a dashcam")
f("", "Occurrence number {crime_ref:24000188341}, logged by {name:PC Tariq Mahmood}")
f("communication-", "{name:Sophie} was supposed to ring me {date:on Wednesday}. Its now Monday")
f("investigation_quality-", "He drives {vehicle:DV21 LMK} and I gave them the ANPR times for {date:the 2nd}, {date:the 4th} and {date:the 7th}. Nothing")
f("respect_equality+ positive+", "{name:PC Nowak} spoke to me in Polish which made it so much easier")
f("", "{name:Jayden} and {name:Ellie} are his kids, he uses them to get messages to me")
f("protective_orders- investigation_quality-", "he was bailed not to come to {address:Kingsley Road} but he's been seen there {date:Saturday night} and {date:Sunday morning}")
f("court_process- respect_equality-", "At Southwark Crown Court the usher put me in the same room as his mum {name:Carol}")
f("", "{name:aleksandra} here, my number is {phone:07488 121 690}")
f("withdrawal-", "{name:Sam} asked me to drop it for the sake of the kids and I did, I regret it")
f("cps_charging-", "the CPS decision came {date:on 30th April} and said not in public interest. He followed me 200 times")
f("", "the incident was at {address:Green Lanes} by the bus stop, {date:Thurs 6th} about 8am")
f("communication- officer_continuity-", "Rang 101 and asked for {name:DC Pereira}. Was told she was on a course. Then on leave. Then moved")
f("taken_seriously-", "the PCSO told me {name:Jamal} 'seemed like a decent guy' after speaking to him for 2 mins")
f("", "reg number {vehicle:SN15 AXB}, white BMW, parks on {address:Larch Close}")
f("investigation_quality+ positive+", "{name:DS Abiodun} went through all 600 messages himself and built the case. Incredible work")
f("", "I'm {name:Gosia}, {name:Gosia Lewandowska}, case {crime_ref:6618820/25}")
f("safety_advice-", "They told me to move out of {address:Kestrel House} on the {address:Pembury estate}. Where to?")
f("communication-", "{name:PC Hart} said she'd ring tomorrow at 10, that was {date:the 19th}")
f("understanding_process- court_process-", "Nobody told me what a 'mention hearing' was before {date:the 23rd}")
f("", "he got my new number ({phone:07861 443 920}) from {name:Chantelle} at my work")
f("stalking_recognised- taken_seriously-", "My ex-partner {name:Andrzej} sent 47 texts {date:on Valentine's Day}, the officer said thats romantic")
f("protective_orders+ positive+", "{name:DC Fairweather} got the SPO through in a fortnight and rang to explain every condition")
f("", "url of his fake page is {url:www.instagram.com/not_stalking_u}")
f("court_process-", "Trial at Wood Green Crown Court {date:on 15/09} was vacated because no judge")
f("investigation_quality- communication-", "I gave {name:DC Morrow} the names of three witnesses, {name:Fiona}, {name:Ade} and {name:Bex}, none were contacted")
f("", "He goes by {name:Smithy} down the pub but its {name:Lewis Smith}")
f("taken_seriously-", "{name:Sergeant Bailey} told me I was 'wasting police time' on {date:the 1st of March}")
f("withdrawal- communication-", "After 9 months of nothing I emailed {email:oic.mgreen@police.example.uk} to withdraw")
f("", "{name:Mateusz} jeździ czarnym Audi {vehicle:WX12 ABC}")
f("positive+ communication+", "{name:Natasha} in the victim care unit sent me a weekly text, even when there was nothing new")
f("safety_advice-", "Officer said just dont go to {address:the Broadway} on your own. I work there")
f("", "my sister {name:Claire} and me both got messages from {phone:07399 561 227} {date:on 24/12}")
f("respect_equality-", "{name:PC Harding} asked if I'd been drinking and wrote that down before anything else")
f("cps_charging- understanding_process-", "The CPS letter dated {date:9th January 2026} said 'evidential stage not met'. What does that mean?")
f("", "he lives at {address:Flat 11 Darwin Court}, {postcode:SE17 1JG}")
f("communication-", "Three emails to {email:j.oconnor@police.example.uk} since {date:the 2nd of April}, not one reply")
f("investigation_quality-", "The officer never asked {name:Ravi} at the corner shop for his CCTV, even though I told him")
f("taken_seriously+ positive+", "{name:DC Quinn} believed me and that changed everything")
f("", "snapchat {handle:@mikey_k92} and he texts from {phone:07555 010 347}")
f("stalking_recognised-", "{name:Kamil} keeps sending flowers to my work on {address:Church Lane}. Police said flowers aren't a crime")
f("court_process- withdrawal-", "I was due to give evidence {date:next Monday} but I've told {name:Heather} at witness care I can't do it")
f("", "{name:Jo}, {name:Sarah}'s mum, has been with me through all of it")
f("communication-", "My mum rang on my behalf {date:on the 30th} and was told they couldn't speak to her")
f("officer_continuity-", "{name:Inspector Lowe} promised me one officer for the whole case, I've had four")
f("", "Incident {crime_ref:CAD 0912 of 14/06} is the one where he broke in")
f("positive+", "Thank you {name:Bernadette}, {name:Femi} and everyone at the advocacy service")
f("investigation_quality-", "I told them {name:Sean} had a key to my flat at {address:23 Rosebery Avenue} and they never changed the locks or asked him for it")
f("safety_advice- communication-", "When he was released {date:on the 2nd} nobody warned me, {name:Mark} just walked into my work")


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
    # Rows: (themes, marked text, split, group, part). Part B repeats its themed sentences under
    # different details, so those rows carry a group: cross-validation keeps a group in one fold.
    rows = [(t, m, "dev", None, "A") for t, m in A]
    pairs = [(d, i) for d in DETAIL for i in range(len(THEMED))]
    rng.shuffle(pairs)
    for det, i in pairs[:110]:
        th, s = THEMED[i]
        joiner = rng.choice([" ", " ", "  ", "\n", " - "])
        text = det + joiner + s if rng.random() < 0.6 else s + joiner + det
        rows.append((th, text, "dev", f"themed-{i}", "B"))
    rows += [(t, m, "dev", None, "C") for t, m in C]
    # D, E and F were held-out batches; once measured (figures in the README) they became
    # development data, and a new batch written blind is the held-out split.
    rows += [(t, m, "dev", None, "D") for t, m in D]
    rows += [(t, m, "dev", None, "E") for t, m in E]
    rows += [(t, m, "dev", None, "F") for t, m in F]

    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "corpus.jsonl"), "w", encoding="utf-8") as f:
        for themes, marked, split, group, part in rows:
            text, pii = parse(marked)
            # Check: every span is on char boundaries and reproduces the marked value.
            b = text.encode()
            for p in pii:
                b[p["start"]:p["end"]].decode()
            row = {"text": text, "pii": pii, "themes": parse_themes(themes), "split": split, "part": part}
            if group:
                row["group"] = group
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    held_out = sum(1 for row in rows if row[2] == "holdout")
    print(f"wrote {len(rows)} comments ({held_out} held out)")


if __name__ == "__main__":
    main()
