# Labels of funder reports (crate ponte-report): sheet names, headers, chart titles.
# Codes stay codes in JSON and CSV; only what people read is translated here.

## The "About" sheet
report-sheet-about = About
report-about-report = Report
report-about-team = Team
report-about-from = Period from
report-about-to = Period to
report-about-threshold = Suppression threshold
report-about-hidden = Marker of a hidden cell
report-about-hidden-meaning = "{ $marker }" = not published: fewer than { $threshold } people, or withheld so that such a count cannot be worked out from the totals. Zeros are published.
report-about-hidden-count = Number of hidden cells
report-about-generated = Generated on
report-about-definitions = Definitions
report-about-definitions-text = A person is reached in the period with an encounter dated in it (or, with no encounters, when created in it); first contact if the first encounter ever is in the period, otherwise repeat. Referrals, consents and completed follow-ups count by their own date; follow-ups are overdue if due before the last day and not done by then. Age band from the year of birth at the period's last day.
report-about-contacts = People met at outreach
report-about-contacts-text = Anonymous counts from outreach sessions are contacts, not people: one worker met twice counts twice. They are shown beside persons reached and never added to them.

## Table sheets
report-header-indicator = Indicator
report-header-code = Code
report-header-total = Total
report-table-persons-sex = Sex
report-table-persons-age_band = Age band
report-table-persons-nationality = Nationality
report-table-persons-sector = Sector
report-table-persons-listening_point = Listening point
report-table-referrals-destination = Referrals
report-table-outreach-listening_point = Outreach by listening point
report-table-outreach-outreach_type = Outreach by type
report-table-months = By month

## Indicators
report-indicator-reached = Persons reached
report-indicator-reached-first_contact = Persons reached: first contact
report-indicator-reached-repeat = Persons reached: met before
report-indicator-risk-not_screened = Risk level: not screened
report-indicator-risk-low = Risk level: low
report-indicator-risk-medium = Risk level: medium
report-indicator-risk-high = Risk level: high
report-indicator-screened = Persons reached and screened
report-indicator-taken_in_charge = Persons taken in charge
report-indicator-referrals = Referrals
report-indicator-consents_given = Consents given
report-indicator-consents_given-intake = Consents given: intake
report-indicator-consents_given-referral = Consents given: referral
report-indicator-consents_given-reporting = Consents given: reporting
report-indicator-followups-done = Follow-ups done
report-indicator-followups-overdue = Follow-ups overdue at the end of the period
report-indicator-sessions = Outreach sessions
report-indicator-people_met = People met (anonymous)
report-indicator-people_met-women = People met: women
report-indicator-people_met-men = People met: men
report-indicator-people_met-sex_not_stated = People met: sex not stated
report-indicator-people_met-minors = People met: minors
report-indicator-people_met-adults_or_not_stated = People met: adults or age not stated
report-indicator-referrals-outcome-pending = Outcome: pending
report-indicator-referrals-outcome-accepted = Outcome: accepted
report-indicator-referrals-outcome-completed = Outcome: completed
report-indicator-referrals-outcome-declined = Outcome: declined
report-indicator-referrals-outcome-no_show = Outcome: did not show up
report-indicator-referrals-outcome-unknown = Outcome: not recorded

## Screening rows; $item is one of the report-item-* names
report-screening-answered = { $item }: answered
report-screening-yes = { $item }: yes
report-screening-no = { $item }: no
report-screening-prevalence = { $item }: % yes among answered
report-item-pay = Pay (603-bis)
report-item-hours = Working hours (603-bis)
report-item-safety = Health and safety (603-bis)
report-item-degrading = Degrading conditions (603-bis)
report-item-abuse_of_vulnerability = Abuse of vulnerability (ILO)
report-item-deception = Deception (ILO)
report-item-restriction_of_movement = Restriction of movement (ILO)
report-item-isolation = Isolation (ILO)
report-item-physical_sexual_violence = Physical and sexual violence (ILO)
report-item-intimidation_threats = Intimidation and threats (ILO)
report-item-retention_of_documents = Retention of identity documents (ILO)
report-item-withholding_wages = Withholding of wages (ILO)
report-item-debt_bondage = Debt bondage (ILO)
report-item-abusive_conditions = Abusive working and living conditions (ILO)
report-item-excessive_overtime = Excessive overtime (ILO)

## Categories
report-category-unknown = Unknown
report-category-not_stated = Not stated
report-category-sex-female = Female
report-category-sex-male = Male
report-category-sex-other = Other
report-category-age_band-under_18 = Under 18
report-category-age_band-18_60 = 18 to 60
report-category-age_band-over_60 = Over 60
report-category-sector-agriculture = Agriculture
report-category-sector-construction = Construction
report-category-sector-logistics = Logistics
report-category-sector-hospitality = Hospitality and food service
report-category-sector-domestic_care = Domestic and care work
report-category-sector-manufacturing = Manufacturing
report-category-sector-other = Other
report-category-outreach_type-street = Street outreach
report-category-outreach_type-fixed_desk = Listening point or desk
report-category-outreach_type-group_session = Group session
report-category-outreach_type-accompaniment = Accompaniment
report-category-destination-antitrafficking_helpline = Anti-trafficking helpline
report-category-destination-labour_inspectorate = Labour inspectorate
report-category-destination-carabinieri_nil = Carabinieri labour unit (NIL)
report-category-destination-trade_union = Trade union
report-category-destination-employment_centre = Employment centre
report-category-destination-health = Health services
report-category-destination-emergency = Emergency services
report-category-destination-legal_aid = Legal aid
report-category-destination-permit_office = Permit office
report-category-destination-antitrafficking_project = Anti-trafficking project
report-category-destination-shelter = Shelter
report-category-destination-housing_support = Housing support
report-category-destination-transport_support = Transport support
report-category-destination-social_services = Social services
report-category-destination-other = Other

## Charts
report-chart-subtitle = { $from } to { $to } · counts under { $threshold } hidden ({ $marker })
report-chart-reached-title = People reached per month
report-chart-reached-persons = Persons reached (individual records)
report-chart-reached-anonymous = People met at outreach (anonymous contacts)
report-chart-referrals-title = Referrals by destination
report-chart-referrals-series = Referrals in the period
report-chart-prevalence-title = Exploitation indicators among persons screened
report-chart-prevalence-series = % answered yes among those answered
report-chart-group-s603 = { $item }
report-chart-group-ilo = { $item }
report-chart-answered = (n = { $n })

# case flow
report-table-cases-listening_point = Cases by listening point
report-table-cases-close_reason = Cases closed by reason
report-indicator-cases-in_charge = Cases in charge at the end of the period
report-indicator-cases-taken_in_charge = Cases taken in charge
report-indicator-cases-closed = Cases closed
report-indicator-cases-reopened = Cases reopened
report-indicator-referrals-steps = Referral outcomes recorded
report-indicator-referrals-step-pending = Recorded: pending
report-indicator-referrals-step-accepted = Recorded: accepted
report-indicator-referrals-step-completed = Recorded: completed
report-indicator-referrals-step-declined = Recorded: declined
report-indicator-referrals-step-no_show = Recorded: did not show up
report-indicator-referrals-step-unknown = Recorded: not known
report-category-close_reason-goal_reached = Goal reached, autonomy
report-category-close_reason-moved_away = Moved away
report-category-close_reason-lost_contact = Lost contact
report-category-close_reason-declined = Declined further support
report-category-close_reason-other = Other
report-category-close_reason-referred_on = Referred on to another project
report-category-close_reason-deceased = Deceased

# outreach counting
report-table-outreach-nationality = Outreach: main nationalities seen
report-table-outreach-group_topic = Group sessions by topic
report-indicator-nationality_seen = People seen of this nationality (anonymous)
report-indicator-group_sessions = Group sessions
report-indicator-group_attendance = Attendance (anonymous)
report-indicator-group_follow_up = Asked for an individual follow-up
report-category-group_topic-rights = Workers' rights
report-category-group_topic-job_placement_protocol = Job placement protocol
report-category-group_topic-health = Health
report-category-group_topic-housing = Housing
report-category-group_topic-documents = Documents and permits
report-category-group_topic-safety_at_work = Safety at work
report-category-group_topic-other = Other

# contacts
report-table-contacts-listening_point = First contacts by place
report-table-contacts-month = First contacts by month
report-indicator-contacts = First contacts
report-indicator-contacts-quick = First contacts: quick contact
report-indicator-contacts-intake = First contacts: at an intake

## Programme reports (several teams added up)
report-table-programme-team = By team
report-about-teams-included = Teams included
report-about-teams-missing = Teams missing (no report received for the period)

## Materials handed out (outreach tallies and quick contacts)
report-table-outreach-materials = Outreach: materials handed out
report-indicator-materials = Materials handed out
report-indicator-materials-outreach = Counted at outreach sessions
report-indicator-materials-contacts = Given at quick contacts
report-category-material-rights_leaflet = Rights leaflets
report-category-material-helpline_card = Helpline cards
report-category-material-legal_info = Legal information
report-category-material-health_kit = Health kits
report-category-material-food = Food
report-category-material-water = Water
report-category-material-protective_equipment = Protective equipment
report-category-material-other = Other materials
