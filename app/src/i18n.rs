//! Every text a user reads, in one catalogue. Views never hold literal Spanish: adding a language
//! is adding another `Catalog` value.
use crate::domain::{CdrpetiState, DeliverableState, StepState};

pub struct Catalog {
    pub app_name: &'static str,
    pub app_tagline: &'static str,
    pub skip_to_content: &'static str,
    pub nav_label: &'static str,
    pub nav_policies: &'static str,
    pub nav_regions: &'static str,
    pub home_title: &'static str,
    pub home_intro: &'static str,
    pub no_policies: &'static str,
    pub deliverable: &'static str,
    pub deliverable_short: &'static str,
    pub step: &'static str,
    pub steps: &'static str,
    pub steps_delivered: &'static str,
    pub of: &'static str,
    pub last_event: &'static str,
    pub no_events: &'static str,
    pub topic: &'static str,
    pub rector_sector: &'static str,
    pub responsible_unit: &'static str,
    pub start_resolution: &'static str,
    pub horizon_year: &'static str,
    pub not_recorded: &'static str,
    /// Of a feminine noun: la modalidad, la región.
    pub not_recorded_f: &'static str,
    pub deliverables_heading: &'static str,
    pub history_heading: &'static str,
    pub whole_policy: &'static str,
    pub document: &'static str,
    pub source: &'static str,
    pub state: &'static str,
    pub state_entered: &'static str,
    pub step_empty: &'static str,
    pub step_of_policy: &'static str,
    pub last_change: &'static str,
    pub back_to_policy: &'static str,
    pub regions_title: &'static str,
    pub regions_intro: &'static str,
    pub region: &'static str,
    pub ubigeo: &'static str,
    pub cdrpeti_2023: &'static str,
    pub regions_summary: &'static str,
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub go_home: &'static str,
    pub error_title: &'static str,
    pub error_text: &'static str,
    pub loading: &'static str,
    pub footer: &'static str,
    pub months: [&'static str; 12],
    pub sign_in_title: &'static str,
    pub sign_in_intro: &'static str,
    pub email: &'static str,
    pub password: &'static str,
    pub sign_in_button: &'static str,
    pub sign_out_button: &'static str,
    pub signed_in_as: &'static str,
    pub sign_in_missing: &'static str,
    pub sign_in_wrong: &'static str,
    pub sign_in_throttled: &'static str,
    pub sign_in_unavailable: &'static str,
    pub signed_out: &'static str,
    pub forbidden_title: &'static str,
    pub forbidden_text: &'static str,
    pub nav_users: &'static str,
    pub nav_audit: &'static str,
    pub users_title: &'static str,
    pub users_intro: &'static str,
    pub create_user: &'static str,
    pub name: &'static str,
    pub organisation: &'static str,
    pub jurisdiction: &'static str,
    pub no_jurisdiction: &'static str,
    pub roles: &'static str,
    pub policies: &'static str,
    pub active: &'static str,
    pub inactive: &'static str,
    pub save: &'static str,
    pub edit: &'static str,
    pub reset_password: &'static str,
    pub reset_password_help: &'static str,
    pub temporary_password: &'static str,
    pub user_saved: &'static str,
    pub no_users: &'static str,
    pub page_of: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub pagination: &'static str,
    pub email_taken: &'static str,
    pub unknown_region: &'static str,
    pub unknown_policy: &'static str,
    /// The trail of links above a page.
    pub breadcrumb: &'static str,
    /// Plain-text answers of the form handlers and the layers, when a form cannot go back.
    pub not_found_answer: &'static str,
    pub sign_in_to_continue: &'static str,
    /// The page between signing out and the sign-in form (a browser without automatic refresh
    /// follows its link).
    pub signing_out: &'static str,
    pub signing_out_continue: &'static str,
    pub forbidden_answer: &'static str,
    pub unavailable_answer: &'static str,
    pub unreadable_answer: &'static str,
    pub too_slow_answer: &'static str,
    pub see_dashboard: &'static str,
    pub item_word: &'static str,
    pub held_missing: &'static str,
    pub still_in_state: &'static str,
    pub observations_to_lift: &'static str,
    pub duration_label: &'static str,
    pub until_label: &'static str,
    pub since_label: &'static str,
    pub today_word: &'static str,
    pub today_line: &'static str,
    pub timeline_hint: &'static str,
    pub ministry_name: &'static str,
    pub state_name: &'static str,
    pub unsent_text: &'static str,
    pub notices_word: &'static str,
    pub nav_home_participant: &'static str,
    pub answer_pending: &'static str,
    pub closed_on: &'static str,
    pub opens_on: &'static str,
    pub read_and_comment: &'static str,
    pub no_own_contributions: &'static str,
    pub my_contributions: &'static str,
    pub other_consultations: &'static str,
    pub no_open_consultations: &'static str,
    pub open_consultations: &'static str,
    pub my_consultations_intro: &'static str,
    pub my_consultations: &'static str,
    pub waiting_heading: &'static str,
    pub sign_in_help: &'static str,
    pub sign_in_held: &'static str,
    pub session_expired_form: &'static str,
    pub form_in_progress: &'static str,
    pub too_large_answer: &'static str,
    pub cross_site_refused: &'static str,
    pub unknown_action: &'static str,
    /// The progress report's period, unreadable, in a download's plain answer.
    pub bad_period_answer: &'static str,
    /// Field names in refusals of structured content.
    pub item_kind_label: &'static str,
    pub item_label: &'static str,
    pub target_label: &'static str,
    /// The DOCX's line for a step with no text in the version.
    pub docx_no_text: &'static str,
    pub last_admin: &'static str,
    /// In place of a round's figures, for a reader who sees them once the answers are published.
    pub figures_after_publication: &'static str,
    pub audit_title: &'static str,
    pub audit_intro: &'static str,
    pub filter: &'static str,
    pub user: &'static str,
    pub all: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub when: &'static str,
    pub who: &'static str,
    pub what: &'static str,
    pub entity: &'static str,
    pub policy: &'static str,
    pub no_audit: &'static str,
    pub results: &'static str,
    pub nav_account: &'static str,
    pub account_title: &'static str,
    pub change_password: &'static str,
    pub current_password: &'static str,
    pub new_password: &'static str,
    pub repeat_password: &'static str,
    pub password_changed: &'static str,
    pub password_wrong: &'static str,
    pub password_mismatch: &'static str,
    pub password_short: &'static str,
    pub actions: &'static str,
    pub author: &'static str,
    pub back_to_step: &'static str,
    pub by: &'static str,
    pub cancel: &'static str,
    pub changes: &'static str,
    pub changes_of_revision: &'static str,
    pub characters: &'static str,
    pub compare: &'static str,
    pub compare_from: &'static str,
    pub compare_revisions: &'static str,
    pub compare_to: &'static str,
    pub conflict_diff_heading: &'static str,
    pub conflict_newer_text: &'static str,
    pub conflict_nothing_lost: &'static str,
    pub conflict_saved: &'static str,
    pub conflict_started_from: &'static str,
    pub conflict_title: &'static str,
    pub date: &'static str,
    pub diff_example: &'static str,
    pub diff_legend_added: &'static str,
    pub diff_legend_removed: &'static str,
    pub diff_no_changes: &'static str,
    pub document_working: &'static str,
    pub download_docx: &'static str,
    pub edit_step: &'static str,
    pub editor_discard: &'static str,
    pub editor_first_text: &'static str,
    pub editor_recover: &'static str,
    pub editor_recover_text: &'static str,
    pub editor_summary_label: &'static str,
    pub editor_text_hint: &'static str,
    /// Where the editor's preview will be, before there is one.
    pub editor_preview_hint: &'static str,
    pub editor_text_label: &'static str,
    pub freeze_button: &'static str,
    pub freeze_empty: &'static str,
    pub freeze_heading: &'static str,
    pub freeze_note_hint: &'static str,
    pub freeze_text: &'static str,
    pub freeze_unchanged: &'static str,
    pub frozen_on: &'static str,
    pub frozen_revisions: &'static str,
    pub history_link: &'static str,
    pub history_title: &'static str,
    pub no_revisions: &'static str,
    pub no_text: &'static str,
    pub no_text_in_version: &'static str,
    pub no_versions: &'static str,
    pub note: &'static str,
    pub preview: &'static str,
    pub print_hint: &'static str,
    pub revision: &'static str,
    pub step_saved: &'static str,
    pub summary: &'static str,
    pub version: &'static str,
    pub version_frozen: &'static str,
    pub versions_heading: &'static str,
    pub working_text: &'static str,
    pub working_text_at: &'static str,
    pub annul_button: &'static str,
    pub annul_reason: &'static str,
    pub annul_summary: &'static str,
    pub annulled: &'static str,
    pub annulled_on: &'static str,
    pub attachment: &'static str,
    pub attachment_link: &'static str,
    pub attention_ceplan: &'static str,
    pub attention_heading: &'static str,
    pub attention_none: &'static str,
    pub attention_observations: &'static str,
    pub attention_threshold: &'static str,
    pub bad_period: &'static str,
    pub dashboard_intro: &'static str,
    pub dashboard_title: &'static str,
    pub day: &'static str,
    pub days: &'static str,
    /// After an *as of* date: the day is a bound, the event's own date is unknown.
    pub date_not_recorded: &'static str,
    pub since_not_recorded: &'static str,
    pub ceplan_answer_label: &'static str,
    pub confirm_irreversible: &'static str,
    pub review_note_hint: &'static str,
    pub guide_label: &'static str,
    pub guide_hint: &'static str,
    pub guide_of_version: &'static str,
    pub validation_summary: &'static str,
    pub validation_hint: &'static str,
    pub validation_document: &'static str,
    pub skip_milestone: &'static str,
    pub imported_history: &'static str,
    pub ceplan_answer_hint: &'static str,
    /// Before the date a deliverable entered its state ("desde junio de 2023").
    pub since: &'static str,
    pub today: &'static str,
    pub until_today: &'static str,
    pub timeline_as_text: &'static str,
    pub working_days_in_state: &'static str,
    pub working_days: &'static str,
    /// After a duration computed from dates known only to the month, year or a stretch of months.
    pub approximate_dates: &'static str,
    /// After a duration whose start is known only *as of* a date.
    pub start_not_recorded: &'static str,
    pub download_markdown: &'static str,
    pub download_report_docx: &'static str,
    pub copy_heading: &'static str,
    pub choose_status_summary: &'static str,
    pub choose_status_label: &'static str,
    pub choose_status_computed: &'static str,
    pub choose_status_commentary: &'static str,
    pub choose_status_hint: &'static str,
    pub status_saved: &'static str,
    pub uncertain_legend: &'static str,
    pub copy_hint: &'static str,
    /// The report document's title, before the policy's name: "Avance de la".
    pub report_document_title: &'static str,
    pub report_period: &'static str,
    /// The report's last line, before the day: "Generado por Pasos … el".
    pub report_generated: &'static str,
    pub freeze_and_send: &'static str,
    pub generate: &'static str,
    pub in_state: &'static str,
    pub legend: &'static str,
    pub matrix_heading: &'static str,
    pub milestone_scope: &'static str,
    pub milestones_heading: &'static str,
    pub milestones_hint: &'static str,
    pub more_than: &'static str,
    pub nav_dashboard: &'static str,
    pub new_state: &'static str,
    pub next_milestone: &'static str,
    pub no_policies_match: &'static str,
    pub no_review_events: &'static str,
    pub official_date: &'static str,
    pub official_document: &'static str,
    pub official_document_hint: &'static str,
    pub period_from: &'static str,
    pub period_to: &'static str,
    pub record_button: &'static str,
    pub record_review_step: &'static str,
    pub recorded: &'static str,
    pub recorded_by: &'static str,
    pub report_comments: &'static str,
    pub report_intro: &'static str,
    pub report_link: &'static str,
    pub report_status: &'static str,
    pub report_title: &'static str,
    pub review_heading: &'static str,
    pub review_note: &'static str,
    pub rounds: &'static str,
    pub selected: &'static str,
    pub timeline_heading: &'static str,
    pub timeline_undated: &'static str,
    pub version_sent: &'static str,
    pub version_to_send: &'static str,
    pub version_to_send_hint: &'static str,
    pub with_ceplan: &'static str,
    pub sent_version_note: &'static str,
    pub about_paragraph: &'static str,
    pub about_row: &'static str,
    pub about_item: &'static str,
    pub accepted: &'static str,
    pub answer: &'static str,
    pub answer_saved: &'static str,
    pub answers_not_published: &'static str,
    pub answers_published: &'static str,
    pub as_a_whole: &'static str,
    pub change_answer: &'static str,
    pub channel_label: &'static str,
    pub close_round: &'static str,
    pub closes: &'static str,
    pub comment_paragraph: &'static str,
    pub comment_step: &'static str,
    pub contributed: &'static str,
    pub contribution: &'static str,
    pub contribution_hint: &'static str,
    pub contribution_number: &'static str,
    pub contribution_recorded: &'static str,
    pub contribution_sent: &'static str,
    pub contributions: &'static str,
    pub coverage_heading: &'static str,
    pub coverage_map: &'static str,
    pub download_csv: &'static str,
    pub download_xlsx: &'static str,
    pub external_heading: &'static str,
    pub force_button: &'static str,
    pub force_heading: &'static str,
    pub force_reason: &'static str,
    pub give_answer: &'static str,
    pub illustrative: &'static str,
    pub illustrative_round: &'static str,
    pub invited: &'static str,
    pub invited_accounts: &'static str,
    pub invited_by_role: &'static str,
    pub invited_only: &'static str,
    pub invited_organisations: &'static str,
    pub invited_regions: &'static str,
    pub justification: &'static str,
    pub kind: &'static str,
    pub lima_time: &'static str,
    pub linked_revision: &'static str,
    pub nav_workshops: &'static str,
    pub workshops_title: &'static str,
    pub workshops_intro: &'static str,
    pub workshops_recorded: &'static str,
    pub workshops_empty: &'static str,
    pub workshop_short: &'static str,
    pub workshop_add: &'static str,
    pub workshop_save: &'static str,
    pub workshop_recorded: &'static str,
    pub workshop_title_label: &'static str,
    pub workshop_days: &'static str,
    pub workshop_first_day: &'static str,
    pub workshop_last_day: &'static str,
    pub workshop_last_day_hint: &'static str,
    pub workshop_modality: &'static str,
    pub workshop_place: &'static str,
    pub workshop_place_hint: &'static str,
    pub workshop_purpose: &'static str,
    pub workshop_purpose_short: &'static str,
    pub workshop_purpose_hint: &'static str,
    pub workshop_round: &'static str,
    pub workshop_round_hint: &'static str,
    pub workshop_no_round: &'static str,
    pub workshop_version_label: &'static str,
    pub workshop_version_of_round: &'static str,
    pub workshop_steps: &'static str,
    pub workshop_convened: &'static str,
    pub workshop_convened_hint: &'static str,
    pub workshop_regions_convened: &'static str,
    pub workshop_participants: &'static str,
    pub workshop_documents: &'static str,
    pub workshop_no_documents: &'static str,
    pub workshop_add_document: &'static str,
    pub workshop_contributions: &'static str,
    pub workshop_contributions_empty: &'static str,
    pub workshop_no_round_yet: &'static str,
    pub workshop_round_systematized: &'static str,
    pub workshop_contribution_add: &'static str,
    pub workshop_contribution_source_hint: &'static str,
    pub attendance_heading: &'static str,
    pub attendance_list: &'static str,
    pub attendance_private: &'static str,
    pub attendance_empty: &'static str,
    pub attendance_import: &'static str,
    pub attendance_import_button: &'static str,
    pub attendance_sheet: &'static str,
    pub attendance_sheet_hint: &'static str,
    pub attendee_add: &'static str,
    pub attendee_save: &'static str,
    pub attendee_name: &'static str,
    pub attendee_position: &'static str,
    pub attendee_entity: &'static str,
    pub attendee_remove: &'static str,
    pub attendee_removed: &'static str,
    pub entity_type_label: &'static str,
    pub sex_label: &'static str,
    pub by_region: &'static str,
    pub by_entity_type: &'static str,
    pub by_sex: &'static str,
    pub minutes_heading: &'static str,
    pub minutes_empty: &'static str,
    pub minutes_edit: &'static str,
    pub call_edit: &'static str,
    pub call_save: &'static str,
    pub call_saved: &'static str,
    pub call_fixed_by_contributions: &'static str,
    pub minutes_label: &'static str,
    pub minutes_hint: &'static str,
    pub minutes_save: &'static str,
    pub minutes_saved: &'static str,
    pub expediente_zip_too_big: &'static str,
    pub round_step_empty: &'static str,
    pub systematization_draft: &'static str,
    pub files_chosen_again: &'static str,
    pub expediente_title: &'static str,
    pub expediente_intro: &'static str,
    pub expediente_documents: &'static str,
    pub expediente_zip: &'static str,
    pub expediente_empty: &'static str,
    pub document_kind_label: &'static str,
    pub document_number: &'static str,
    pub document_date: &'static str,
    pub document_sender: &'static str,
    pub document_addressee: &'static str,
    pub document_file_number: &'static str,
    pub document_received: &'static str,
    pub document_event: &'static str,
    pub document_no_event: &'static str,
    pub document_files: &'static str,
    pub document_add: &'static str,
    pub document_save: &'static str,
    pub document_recorded: &'static str,
    pub document_already: &'static str,
    pub nav_expediente: &'static str,
    pub plan_title: &'static str,
    pub plan_intro: &'static str,
    pub plan_against_record: &'static str,
    pub plan_none: &'static str,
    pub plan_target_column: &'static str,
    pub plan_start: &'static str,
    pub plan_end: &'static str,
    pub plan_actual_start: &'static str,
    pub plan_actual_end: &'static str,
    pub plan_replanned: &'static str,
    pub plan_versions: &'static str,
    pub plan_replan: &'static str,
    pub plan_set: &'static str,
    pub plan_form_hint: &'static str,
    pub plan_reason_required: &'static str,
    pub plan_reason_optional: &'static str,
    pub plan_save: &'static str,
    pub plan_saved: &'static str,
    pub plan_word: &'static str,
    pub plan_timeline_caption: &'static str,
    pub plan_legend_planned: &'static str,
    pub plan_legend_done: &'static str,
    pub plan_legend_open: &'static str,
    pub attention_late_plan: &'static str,
    pub chart_by_answer: &'static str,
    pub chart_by_step: &'static str,
    pub chart_by_region: &'static str,
    pub systematization_title: &'static str,
    pub systematization_link: &'static str,
    pub systematization_docx: &'static str,
    pub systematization_participation_heading: &'static str,
    pub systematization_answers_heading: &'static str,
    pub systematization_changes_heading: &'static str,
    pub systematization_no_changes: &'static str,
    pub systematization_change_not_linked: &'static str,
    pub systematization_change_not_compared: &'static str,
    pub by_organisation: &'static str,
    pub by_channel: &'static str,
    pub by_jurisdiction: &'static str,
    pub figures_charts: &'static str,
    pub accepted_short: &'static str,
    pub total_word: &'static str,
    pub lifting_title: &'static str,
    pub lifting_sheet: &'static str,
    pub lifting_docx: &'static str,
    pub lifting_xlsx: &'static str,
    pub change_location: &'static str,
    pub observation_justification: &'static str,
    pub observation_revision: &'static str,
    pub no_revision: &'static str,
    pub change_place: &'static str,
    pub change_place_hint: &'static str,
    pub change_place_hint_observation: &'static str,
    pub manage_round: &'static str,
    pub mark_read: &'static str,
    pub matrix_link: &'static str,
    pub matrix_title: &'static str,
    /// The columns of the matriz de aportes: page, CSV and XLSX alike.
    pub matrix_columns: [&'static str; 13],
    /// The columns of the matriz de levantamiento de observaciones.
    pub lifting_columns: [&'static str; 6],
    /// The first column of a deliverable's matriz, which gathers several rounds.
    pub matrix_round_column: &'static str,
    pub nav_rounds: &'static str,
    pub new_notice: &'static str,
    pub no: &'static str,
    pub no_contributions: &'static str,
    pub no_notifications: &'static str,
    pub no_region: &'static str,
    pub no_rounds: &'static str,
    pub not_in_pasos: &'static str,
    pub not_invited: &'static str,
    pub notifications_title: &'static str,
    pub open_round: &'static str,
    pub open_round_button: &'static str,
    pub opens: &'static str,
    pub paragraph: &'static str,
    /// "fila" (a table row a contribution is about).
    pub table_row: &'static str,
    /// "elemento" (a list item a contribution is about).
    pub list_item: &'static str,
    /// The label of a footnote's link back to where it is called ("Volver a la llamada 2").
    pub footnote_back: &'static str,
    /// The Word import page.
    pub import_title: &'static str,
    pub import_intro: &'static str,
    pub import_unavailable: &'static str,
    pub import_file_label: &'static str,
    pub import_file_hint: &'static str,
    pub import_target: &'static str,
    pub import_whole: &'static str,
    pub import_preview_button: &'static str,
    pub import_preview_of: &'static str,
    pub import_nothing_saved: &'static str,
    pub import_all_kept: &'static str,
    pub import_not_kept: &'static str,
    pub import_review_text: &'static str,
    pub import_save_button: &'static str,
    pub import_link: &'static str,
    /// The editor's toolbar.
    pub toolbar_label: &'static str,
    pub toolbar_column: &'static str,
    pub toolbar_note_text: &'static str,
    /// The live preview's warning: what saving will change, and HTML that will show as text.
    pub editor_will_change: &'static str,
    pub editor_raw_html: &'static str,
    /// What introduces the changes made to a pasted text.
    pub pasted_changes_intro: &'static str,
    /// The DOCX's table of contents heading.
    pub docx_contents: &'static str,
    /// The disclosure that lists a table's rows to comment on one.
    pub comment_a_row: &'static str,
    /// The disclosure that lists a list's items to comment on one.
    pub comment_an_item: &'static str,
    pub publish_answers: &'static str,
    pub received_on: &'static str,
    pub recorded_by_team: &'static str,
    pub reply: &'static str,
    pub replying_to: &'static str,
    pub round: &'static str,
    pub round_needs_version: &'static str,
    pub round_text: &'static str,
    pub round_text_missing: &'static str,
    pub rounds_heading: &'static str,
    pub rounds_title: &'static str,
    pub save_answer: &'static str,
    pub send_contribution: &'static str,
    pub source_document: &'static str,
    pub systematize: &'static str,
    pub title: &'static str,
    pub unanswered: &'static str,
    pub unanswered_count: &'static str,
    pub unread: &'static str,
    pub window: &'static str,
    pub without_answer: &'static str,
    pub yes: &'static str,
    pub your_contribution: &'static str,
    pub deliverable_matrix_csv: &'static str,
    pub deliverable_matrix_xlsx: &'static str,
    pub structure_title: &'static str,
    pub structure_intro: &'static str,
    pub consistency_title: &'static str,
    pub consistency_intro: &'static str,
    pub add: &'static str,
    pub delete: &'static str,
    pub code: &'static str,
    pub depends_on: &'static str,
    pub yearly_targets: &'static str,
    pub yearly_values: &'static str,
    pub year: &'static str,
    pub observed_value: &'static str,
    pub expected_value: &'static str,
    pub series_help: &'static str,
    pub update_years: &'static str,
    pub years_updated: &'static str,
    pub activity_targets: &'static str,
    pub activity_targets_help: &'static str,
    pub code_scheme_label: &'static str,
    pub code_schemes: [&'static str; 3],
    pub save_scheme: &'static str,
    pub attributes_label: &'static str,
    pub save_attributes: &'static str,
    pub own_code_help: &'static str,
    pub annexes_title: &'static str,
    pub annexes_xlsx: &'static str,
    pub chart_legend: &'static str,
    pub problem_missing: &'static str,
    pub only_one_added: &'static str,
    pub scheme_saved: &'static str,
    pub record_of: &'static str,
    pub ficha_of: &'static str,
    pub years_shown: &'static str,
    pub horizon_label: &'static str,
    pub set_horizon: &'static str,
    pub criteria_label: &'static str,
    pub save_criteria: &'static str,
    pub scoring_title: &'static str,
    pub total_score: &'static str,
    pub renumber: &'static str,
    pub renumber_help: &'static str,
    pub no_items: &'static str,
    pub causal_tree: &'static str,
    pub gaps: &'static str,
    pub missing_cell: &'static str,
    pub problem: &'static str,
    pub comment_item: &'static str,
    pub choose: &'static str,
    pub required_mark: &'static str,
    pub item_saved: &'static str,
    pub item_deleted: &'static str,
    pub codes_renumbered: &'static str,
    pub settings_saved: &'static str,
    pub editing: &'static str,
    pub delete_confirm: &'static str,
    pub matrix_rows: &'static str,
    pub ficha_tecnica: &'static str,
    pub consistency_headers: [&'static str; 8],
    pub decision: &'static str,
    pub actions_col: &'static str,
}

pub const ES: Catalog = Catalog {
    app_name: "Pasos",
    app_tagline: "Formulación de políticas nacionales con el método del CEPLAN",
    skip_to_content: "Saltar al contenido",
    nav_label: "Navegación principal",
    nav_policies: "Políticas",
    nav_regions: "Regiones",
    home_title: "Políticas nacionales en formulación",
    home_intro: "Dónde está cada entregable de cada política: su estado ante el CEPLAN, los pasos entregados y el último hecho registrado.",
    no_policies: "Aún no hay políticas registradas.",
    deliverable: "Entregable",
    deliverable_short: "Entregable",
    step: "Paso",
    steps: "Pasos",
    steps_delivered: "pasos entregados",
    of: "de",
    last_event: "Último hecho registrado",
    no_events: "Sin hechos registrados.",
    topic: "Tema",
    rector_sector: "Sector rector",
    responsible_unit: "Unidad responsable",
    start_resolution: "Inicio formal",
    horizon_year: "Horizonte",
    not_recorded: "No registrado",
    not_recorded_f: "No registrada",
    deliverables_heading: "Entregables y pasos",
    history_heading: "Historia",
    whole_policy: "Toda la política",
    document: "Documento",
    source: "Fuente",
    state: "Estado",
    state_entered: "Nuevo estado",
    step_empty: "Este paso aún no tiene texto en Pasos.",
    step_of_policy: "Paso de la política",
    last_change: "Última modificación",
    back_to_policy: "Volver a la política",
    regions_title: "Regiones",
    regions_intro: "Las 26 jurisdicciones regionales y el estado de su Comité Directivo Regional para la Prevención y Erradicación del Trabajo Infantil (CDRPETI) en 2023.",
    region: "Región",
    ubigeo: "Ubigeo",
    cdrpeti_2023: "CDRPETI (2023)",
    regions_summary: "Fuente: Cuadro 1 del informe de progreso 2023.",
    not_found_title: "Página no encontrada",
    not_found_text: "La dirección no corresponde a ninguna política, paso o página de Pasos.",
    go_home: "Ir a la lista de políticas",
    error_title: "No se pudo cargar la página",
    error_text: "Ocurrió un problema al consultar los datos. Intente de nuevo en unos minutos.",
    loading: "Cargando…",
    footer: "Pasos · Ministerio de Trabajo y Promoción del Empleo",
    months: [
        "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "setiembre", "octubre", "noviembre",
        "diciembre",
    ],
    sign_in_title: "Ingresar",
    sign_in_intro: "Ingrese con el correo y la contraseña de su cuenta de Pasos.",
    email: "Correo electrónico",
    password: "Contraseña",
    sign_in_button: "Ingresar",
    sign_out_button: "Salir",
    signed_in_as: "Sesión de",
    sign_in_missing: "Escriba su correo electrónico y su contraseña.",
    sign_in_wrong: "El correo o la contraseña no son correctos.",
    sign_in_throttled: "Demasiados intentos fallidos. Por seguridad, espere 15 minutos antes de intentar de nuevo.",
    sign_in_unavailable: "No se pudo iniciar sesión por un problema del servicio. Intente de nuevo en unos minutos.",
    signed_out: "Cerró su sesión.",
    forbidden_title: "Sin permiso",
    forbidden_text: "Su cuenta no tiene permiso para ver esta página. Si lo necesita, pídalo al equipo de la política.",
    nav_users: "Cuentas",
    nav_audit: "Registro de actividad",
    users_title: "Cuentas de usuario",
    users_intro: "Cree cuentas, asigne roles, políticas y región, desactive cuentas y restablezca contraseñas.",
    create_user: "Crear cuenta",
    name: "Nombre",
    organisation: "Organización",
    jurisdiction: "Región",
    no_jurisdiction: "Sin región",
    roles: "Roles",
    policies: "Políticas (equipo)",
    active: "Cuenta activa",
    inactive: "Desactivada",
    save: "Guardar cambios",
    edit: "Editar",
    reset_password: "Restablecer contraseña",
    reset_password_help: "Genera una contraseña temporal, que se muestra una sola vez, y cierra las sesiones de la cuenta.",
    temporary_password: "Contraseña temporal (se muestra una sola vez; entréguela por un medio seguro):",
    user_saved: "Cambios guardados.",
    no_users: "No hay cuentas.",
    page_of: "Página",
    previous: "Anterior",
    next: "Siguiente",
    pagination: "Paginación",
    email_taken: "Ya existe una cuenta con ese correo electrónico.",
    unknown_region: "La región elegida no existe.",
    unknown_policy: "Una de las políticas elegidas no existe.",
    breadcrumb: "Ruta",
    not_found_answer: "No encontramos esa dirección: revise el enlace.",
    sign_in_to_continue: "Inicie sesión para continuar.",
    signing_out: "Cerrando la sesión…",
    signing_out_continue: "Continuar",
    forbidden_answer: "Su cuenta no tiene permiso para esta acción.",
    unavailable_answer: "El servicio no está disponible y no se registró nada. Vuelva atrás e intente de nuevo: lo que escribió sigue en el formulario.",
    unreadable_answer: "El envío llegó incompleto o no se pudo leer, y no se registró. Vuelva atrás: lo que escribió sigue en el formulario; envíelo de nuevo.",
    too_slow_answer: "La página tardó demasiado en prepararse y se interrumpió. Intente de nuevo en unos minutos; si envió un formulario, vuelva atrás: lo que escribió sigue en él.",
    see_dashboard: "Ver el tablero completo",
    item_word: "elemento",
    held_missing: "El texto que se guardó de este formulario ya no está disponible: se envió después, venció (se guarda siete días) o pertenece a otra cuenta. El formulario se muestra como está.",
    still_in_state: "Hoy (sigue en este estado)",
    observations_to_lift: "observaciones del CEPLAN por levantar",
    duration_label: "Duración",
    until_label: "Hasta",
    since_label: "Desde",
    today_word: "hoy",
    today_line: "Hoy",
    timeline_hint: "Cada franja es el tiempo que un entregable pasó en un estado; la línea «hoy» marca el día de hoy. La tabla bajo cada gráfico dice lo mismo con fechas y duraciones.",
    ministry_name: "Ministerio de Trabajo y Promoción del Empleo",
    state_name: "PERÚ",
    unsent_text: "Su texto, que no se envió (cópielo para enviarlo por otro medio)",
    notices_word: "Avisos",
    nav_home_participant: "Sus consultas",
    answer_pending: "Respuesta aún no publicada",
    closed_on: "Cerró el",
    opens_on: "Abre el",
    read_and_comment: "Leer y comentar",
    no_own_contributions: "Aún no ha enviado aportes.",
    my_contributions: "Sus aportes y las respuestas recibidas",
    other_consultations: "Próximas y cerradas",
    no_open_consultations: "No tiene consultas abiertas en este momento. Cuando se abra una para su región, aparecerá aquí y recibirá un aviso.",
    open_consultations: "Consultas abiertas",
    my_consultations_intro: "Las consultas a las que su región o su entidad fue invitada. Lea el texto y comente cada párrafo; el equipo responderá cada aporte.",
    my_consultations: "Sus consultas",
    waiting_heading: "Lo que espera al equipo",
    sign_in_help: "¿Olvidó su contraseña o aún no tiene cuenta? Pídala al administrador de Pasos de su entidad: le dará una contraseña temporal que usted cambiará al ingresar.",
    sign_in_held: "Su sesión venció antes de que enviara el formulario. Lo que escribió está guardado: ingrese y volverá al formulario con su texto.",
    session_expired_form: "Su sesión había vencido cuando envió este formulario. Lo que escribió está de nuevo aquí: revíselo y envíelo.",
    form_in_progress: "Este formulario ya se envió y todavía se está guardando. Vuelva a la página en unos segundos: verá el resultado.",
    too_large_answer: "El envío es demasiado grande (más de 2 MB) y no se registró. Vuelva atrás: lo que escribió sigue en el formulario; acórtelo o divídalo.",
    cross_site_refused: "Solicitud rechazada: no proviene de Pasos.",
    unknown_action: "Acción desconocida.",
    bad_period_answer: "Indique el periodo como dos meses AAAA-MM, el primero no posterior al segundo.",
    item_kind_label: "Tipo de elemento",
    item_label: "Elemento",
    target_label: "Meta",
    docx_no_text: "Sin texto en esta versión.",
    figures_after_publication: "Se muestran al publicarse las respuestas",
    last_admin: "Es la única cuenta de administración activa: no puede quitarse ese rol ni desactivarse. Dé antes el rol de administración a otra cuenta. No se guardó nada.",
    audit_title: "Registro de actividad",
    audit_intro: "Quién hizo qué y cuándo. Este registro solo crece: nada se modifica ni se borra.",
    filter: "Filtrar",
    user: "Usuario",
    all: "Todos",
    from: "Desde",
    to: "Hasta",
    when: "Fecha y hora (Lima)",
    who: "Quién",
    what: "Qué",
    entity: "Entidad",
    policy: "Política",
    no_audit: "No hay registros con esos filtros.",
    results: "Resultados",
    nav_account: "Mi cuenta",
    account_title: "Mi cuenta",
    change_password: "Cambiar contraseña",
    current_password: "Contraseña actual",
    new_password: "Contraseña nueva (10 caracteres como mínimo)",
    repeat_password: "Repita la contraseña nueva",
    password_changed: "Contraseña cambiada. Sus otras sesiones se cerraron.",
    password_wrong: "La contraseña actual no es correcta.",
    password_mismatch: "Las contraseñas nuevas no coinciden.",
    password_short: "La contraseña debe tener al menos 10 caracteres.",
    actions: "Acciones",
    author: "Autor",
    back_to_step: "Volver al paso",
    by: "por",
    cancel: "Cancelar",
    changes: "Cambios",
    changes_of_revision: "Cambios de la revisión",
    characters: "Caracteres",
    compare: "Comparar",
    compare_from: "Desde",
    compare_revisions: "Cambios entre las revisiones",
    compare_to: "Hasta",
    conflict_diff_heading: "Lo que su texto cambia respecto de la revisión",
    conflict_newer_text: "Texto completo de la revisión",
    conflict_nothing_lost: "No se guardó nada encima: su texto sigue en el editor, intacto. Compare, combine lo que corresponda y guarde de nuevo",
    conflict_saved: "guardó la",
    conflict_started_from: "Otra persona guardó este paso mientras usted lo editaba. Usted partió de la revisión",
    conflict_title: "Este paso cambió mientras usted lo editaba",
    date: "Fecha",
    diff_example: "así",
    diff_legend_added: "Texto añadido: subrayado y marcado [+ ]",
    diff_legend_removed: "texto eliminado: tachado y marcado [− ]",
    diff_no_changes: "Sin cambios.",
    document_working: "Documento (texto de trabajo)",
    download_docx: "Descargar DOCX",
    edit_step: "Editar",
    editor_discard: "Descartar",
    editor_first_text: "Este paso aún no tiene texto: lo que guarde será su primera revisión.",
    editor_recover: "Recuperar el texto",
    editor_recover_text: "Este navegador guardó un texto de este paso que no llegó a guardarse en Pasos.",
    editor_summary_label: "Resumen del cambio (opcional, hasta 200 caracteres)",
    editor_preview_hint: "La vista previa aparece con el botón «Vista previa» (y, si su navegador ejecuta JavaScript, mientras escribe).",
    editor_text_hint: "Markdown: ## para títulos, - para listas, **negrita**, [texto](https://…) para enlaces. El HTML se muestra como texto.",
    editor_text_label: "Texto del paso",
    freeze_button: "Cerrar versión para remisión",
    freeze_empty: "Ningún paso de este entregable tiene texto: no hay nada que cerrar.",
    freeze_heading: "Cerrar versión para remisión",
    freeze_note_hint: "Hasta 2000 caracteres. Por ejemplo: «Versión remitida a OGPP para revisión».",
    freeze_text: "Cierra la revisión actual de cada paso como una nueva versión del entregable, para remitirla al CEPLAN o ponerla en consulta. Una versión cerrada no cambia nunca; la edición continúa en el texto de trabajo.",
    freeze_unchanged: "Ningún paso cambió desde la versión",
    frozen_on: "cerrada el",
    frozen_revisions: "Revisiones de la versión",
    history_link: "Historial",
    history_title: "Historial de cambios",
    no_revisions: "Este paso aún no tiene revisiones.",
    no_text: "sin texto",
    no_text_in_version: "Sin texto en esta versión.",
    no_versions: "Aún no hay versiones cerradas para remisión de este entregable.",
    note: "Nota de la versión",
    preview: "Vista previa",
    print_hint: "Para imprimir o guardar como PDF, use Imprimir en su navegador (Ctrl+P): se imprime solo el documento.",
    revision: "Revisión",
    step_saved: "Cambios guardados: revisión",
    summary: "Resumen",
    version: "Versión",
    version_frozen: "Versión cerrada para remisión:",
    versions_heading: "Versiones cerradas para remisión",
    working_text: "Texto de trabajo",
    working_text_at: "Texto de trabajo al",
    annul_button: "Anular el registro",
    annul_reason: "Motivo de la anulación",
    annul_summary: "Anular este registro (si se registró por error)",
    annulled: "Anulado",
    annulled_on: "Anulado el",
    attachment: "Documento adjunto",
    attachment_link: "Enlace al documento (opcional)",
    attention_ceplan: "con el CEPLAN, sin respuesta",
    attention_heading: "Requieren atención",
    attention_none: "Ningún entregable espera más que el umbral.",
    attention_observations: "observaciones del CEPLAN sin reingresar",
    attention_threshold: "Umbral (días)",
    bad_period: "Indique el periodo con dos meses, el primero no posterior al segundo.",
    dashboard_intro: "Dónde está cada entregable con el CEPLAN y desde cuándo, al",
    dashboard_title: "Tablero de seguimiento",
    day: "día",
    days: "días",
    date_not_recorded: "fecha no registrada",
    since_not_recorded: "desde una fecha no registrada",
    ceplan_answer_label: "Tipo de respuesta del CEPLAN",
    confirm_irreversible: "Confirmo: no se puede deshacer",
    review_note_hint: "La nota queda en la cronología y, tal como se escriba, en el texto del informe de progreso.",
    guide_label: "Guía del CEPLAN con que se elaboró (opcional)",
    guide_hint: "Por ejemplo, la guía vigente o la nueva guía que obliga a reformular: queda con la versión y en su documento.",
    guide_of_version: "Elaborada con",
    validation_summary: "Registrar la validación de la comisión multisectorial o grupo de trabajo",
    validation_hint: "Opcional: cuando la comisión multisectorial o el grupo de trabajo de la política valida este entregable. No cambia su estado.",
    validation_document: "Acta o documento (opcional)",
    skip_milestone: "Este hito no corresponde: omitirlo (indique el motivo en la nota)",
    imported_history: "Historia anterior a Pasos: estado hallado; los estados previos no están registrados.",
    ceplan_answer_hint: "Solo al registrar observaciones: el informe del CEPLAN puede formular observaciones (que deben levantarse) o comentarios y recomendaciones (para su análisis y consideración).",
    since: "desde",
    today: "hoy",
    until_today: "hasta hoy",
    timeline_as_text: "La cronología como texto",
    working_days_in_state: "Días hábiles en el estado",
    working_days: "días hábiles",
    approximate_dates: "fechas aproximadas",
    start_not_recorded: "inicio no registrado",
    download_markdown: "Descargar en Markdown",
    download_report_docx: "Descargar en Word (DOCX)",
    copy_heading: "Texto para copiar",
    choose_status_summary: "Elegir otra situación para este periodo (con comentario)",
    choose_status_label: "Situación",
    choose_status_computed: "La que calcula Pasos",
    choose_status_commentary: "Comentario (obligatorio): por qué esta situación",
    choose_status_hint: "La situación elegida y su comentario quedan con el informe, con su autor y fecha, y se imprimen junto a la que calcula Pasos.",
    status_saved: "Situación guardada.",
    uncertain_legend: "Tramo en que cae una fecha aproximada (mes, año, periodo o «al» un día)",
    copy_hint: "Un clic (o una pulsación larga en el teléfono) en el recuadro selecciona todo el texto; luego cópielo con Ctrl+C.",
    report_document_title: "Avance de la",
    report_period: "Periodo",
    report_generated: "Generado por Pasos a partir de los eventos registrados, el",
    freeze_and_send: "Cerrar el texto actual como nueva versión y remitirla",
    generate: "Generar",
    in_state: "En el estado",
    legend: "Leyenda de estados",
    matrix_heading: "Políticas y entregables",
    milestone_scope: "Hito de la política",
    milestones_heading: "Hitos de la política",
    milestones_hint: "Tras la conformidad de los cinco entregables: opinión técnica del CEPLAN, prepublicación, aprobación por Decreto Supremo, publicación en El Peruano e implementación.",
    more_than: "más de",
    nav_dashboard: "Tablero",
    new_state: "Nuevo estado",
    next_milestone: "Registrar el siguiente hito",
    no_policies_match: "Ninguna política coincide con el filtro.",
    no_review_events: "Aún no hay registros de revisión de este entregable.",
    official_date: "Fecha oficial",
    official_document: "Documento (Oficio N° …, Informe N° …)",
    official_document_hint: "Obligatorio para remisiones al CEPLAN y para sus observaciones o conformidad.",
    period_from: "Desde (mes)",
    period_to: "Hasta (mes)",
    record_button: "Registrar",
    record_review_step: "Registrar un paso de la revisión",
    recorded: "Registrado.",
    recorded_by: "Registrado por",
    report_comments: "Comentarios",
    report_intro: "Texto para el informe de progreso (Alianza 8.7), generado a partir de los eventos registrados en Pasos. Elija el periodo.",
    report_link: "Texto para el informe de progreso",
    report_status: "Situación",
    report_title: "Informe de progreso",
    review_heading: "Revisión con el CEPLAN",
    review_note: "Nota",
    rounds: "ciclos de revisión con el CEPLAN",
    selected: "marcado",
    timeline_heading: "Cronología por política",
    timeline_undated: "Sin cambios de estado fechados (historia anterior a Pasos).",
    version_sent: "Versión remitida:",
    version_to_send: "Versión que se remite",
    version_to_send_hint: "El CEPLAN revisa exactamente esa versión.",
    with_ceplan: "Con el CEPLAN",
    sent_version_note: "Versión remitida al CEPLAN",
    about_paragraph: "Comenta este párrafo del texto en consulta:",
    about_row: "Comenta esta fila de una tabla del texto en consulta:",
    about_item: "Comenta este elemento de una lista del texto en consulta:",
    accepted: "acogidos",
    answer: "Respuesta",
    answer_saved: "Respuesta guardada para el aporte N°",
    answers_not_published: "Las respuestas del equipo se verán cuando las publique.",
    answers_published: "Respuestas publicadas.",
    as_a_whole: "en su conjunto",
    change_answer: "Cambiar la respuesta",
    channel_label: "Canal",
    close_round: "Cerrar la consulta ahora",
    closes: "Cierre (fecha y hora)",
    comment_paragraph: "Comentar este párrafo",
    comment_step: "Comentar el paso",
    contributed: "Con aportes",
    contribution: "Aporte",
    contribution_hint: "Puede usar Markdown sencillo (listas, **negrita**). El HTML se muestra como texto.",
    contribution_number: "Aporte N°",
    contribution_recorded: "Aporte registrado: N°",
    contribution_sent: "Aporte enviado: N°",
    contributions: "Aportes",
    coverage_heading: "Cobertura regional",
    coverage_map: "Mapa de las 26 regiones: invitadas y con aportes",
    download_csv: "Descargar CSV",
    download_xlsx: "Descargar XLSX",
    external_heading: "Registrar un aporte recibido por otro canal",
    force_button: "Sistematizar con aportes sin respuesta",
    force_heading: "Sistematizar la consulta (directivo)",
    force_reason: "Motivo (queda registrado)",
    give_answer: "Responder",
    illustrative: "ejemplo ilustrativo",
    illustrative_round: "Consulta de ejemplo: sus aportes son ilustrativos. No es el taller de octubre de 2023 ni contiene sus aportes reales.",
    invited: "Invitados",
    invited_accounts: "Cuentas invitadas (correos, separados por comas)",
    invited_by_role: "Según el tipo de consulta",
    invited_only: "Invitada, sin aportes",
    invited_organisations: "Organizaciones invitadas (una por línea o separadas por comas)",
    invited_regions: "Regiones invitadas",
    justification: "Justificación (obligatoria salvo si se acoge)",
    kind: "Tipo",
    lima_time: "Hora de Lima.",
    linked_revision: "Revisión del paso que lo incorporó (opcional)",
    nav_workshops: "Talleres",
    workshops_title: "Talleres",
    workshops_intro: "Los talleres con las regiones y los actores: la convocatoria, la lista de asistencia, el acta y los aportes recibidos, que se responden en su ronda como cualquier otro.",
    workshops_recorded: "Talleres registrados",
    workshops_empty: "Aún no se registran talleres de esta política.",
    workshop_short: "Taller",
    workshop_add: "Registrar un taller",
    workshop_save: "Registrar el taller",
    workshop_recorded: "Taller registrado.",
    workshop_title_label: "Título",
    workshop_days: "Fechas",
    workshop_first_day: "Primer día (o único)",
    workshop_last_day: "Último día",
    workshop_last_day_hint: "Solo si el taller dura más de un día.",
    workshop_modality: "Modalidad",
    workshop_place: "Lugar o enlace",
    workshop_place_hint: "La dirección o la sala; en un taller virtual, el enlace de la sesión.",
    workshop_purpose: "Propósito",
    workshop_purpose_short: "Con el fin de",
    workshop_purpose_hint: "Complete la frase «con el fin de …», por ejemplo: validar la situación futura deseada e identificar alternativas de solución. Así lo dirá el informe de progreso.",
    workshop_round: "Ronda en la que se registran sus aportes",
    workshop_round_hint: "Los aportes recibidos en el taller se registran y se responden en esa ronda, como cualquier otro. Sin ronda, el taller se registra sin aportes.",
    workshop_no_round: "Ninguna",
    workshop_version_label: "Versión tratada (cerrada para remisión)",
    workshop_version_of_round: "La de la ronda elegida (o ninguna)",
    workshop_steps: "Pasos tratados",
    workshop_convened: "Entidades y organizaciones convocadas",
    workshop_convened_hint: "Por ejemplo: las D/GRTPE y los CDRPETI.",
    workshop_regions_convened: "Regiones convocadas",
    workshop_participants: "Participantes",
    workshop_documents: "Documentos del taller en el expediente",
    workshop_no_documents: "Aún no se adjuntan documentos de este taller.",
    workshop_add_document: "Adjuntar el acta firmada u otro documento del taller",
    workshop_contributions: "Aportes recibidos en el taller",
    workshop_contributions_empty: "Aún no se registran aportes recibidos en este taller.",
    workshop_no_round_yet: "Este taller no está vinculado a una ronda, por lo que no registra aportes.",
    workshop_round_systematized: "La ronda del taller ya fue sistematizada: no se registran más aportes.",
    workshop_contribution_add: "Registrar un aporte recibido en el taller",
    workshop_contribution_source_hint: "Indique al menos el autor, la organización o la región que formuló el aporte.",
    attendance_heading: "Asistencia",
    attendance_list: "Lista de asistencia",
    attendance_private: "Datos personales: solo el equipo de la política y los directivos ven esta lista. Los demás ven solo los totales.",
    attendance_empty: "Aún no se registra la lista de asistencia.",
    attendance_import: "Importar la lista de asistencia",
    attendance_import_button: "Importar la lista",
    attendance_sheet: "Hoja de asistencia (CSV o XLSX, hasta 2 MB)",
    attendance_sheet_hint: "La primera fila nombra las columnas, en cualquier orden: «Nombres y apellidos» (obligatoria), «Cargo», «Entidad», «Tipo de entidad», «Región» y «Sexo». Si una fila tiene un error no se importa ninguna, y se indica cuál corregir. Quien ya está en la lista (mismo nombre y entidad) no se repite.",
    attendee_add: "Agregar un asistente",
    attendee_save: "Agregar a la lista",
    attendee_name: "Nombres y apellidos",
    attendee_position: "Cargo",
    attendee_entity: "Entidad u organización",
    attendee_remove: "Quitar de la lista",
    attendee_removed: "Se quitó a la persona de la lista.",
    entity_type_label: "Tipo de entidad",
    sex_label: "Sexo",
    by_region: "Por región",
    by_entity_type: "Por tipo de entidad",
    by_sex: "Por sexo",
    minutes_heading: "Acta",
    minutes_empty: "Aún no se registra el acta del taller.",
    minutes_edit: "Escribir o corregir el acta",
    call_edit: "Corregir la convocatoria",
    call_save: "Guardar la convocatoria",
    call_saved: "Convocatoria corregida.",
    call_fixed_by_contributions: "Ya se registraron aportes recibidos en este taller, en su ronda y con su primer día como fecha: la ronda y el primer día no pueden cambiar.",
    minutes_label: "Texto del acta",
    minutes_hint: "Con formato Markdown: agenda, acuerdos, compromisos y responsables. El acta firmada se adjunta en el expediente.",
    minutes_save: "Guardar el acta",
    minutes_saved: "Acta guardada.",
    expediente_zip_too_big: "Los archivos listados pesan más de 60 MB juntos: filtre por tipo o por entregable para descargarlos en partes, o descárguelos uno por uno.",
    round_step_empty: "Este paso no tiene texto en la versión de la consulta.",
    systematization_draft: "Borrador: la consulta aún no está sistematizada. Las cifras y respuestas pueden cambiar.",
    files_chosen_again: "Los archivos deben elegirse de nuevo.",
    expediente_title: "Expediente",
    expediente_intro: "Los documentos oficiales de la formulación: oficios, informes técnicos y legales, informes del CEPLAN, actas y memorandos, con sus archivos firmados. Solo el equipo, los directivos y el CEPLAN los leen.",
    expediente_documents: "Documentos",
    expediente_zip: "Descargar los archivos listados (ZIP)",
    expediente_empty: "No hay documentos que coincidan.",
    document_kind_label: "Tipo de documento",
    document_number: "Número, como figura en el documento",
    document_date: "Fecha del documento",
    document_sender: "Remitente",
    document_addressee: "Destinatario",
    document_file_number: "N° de expediente o CUT",
    document_received: "Fecha de recepción",
    document_event: "Evento de la revisión",
    document_no_event: "— Del expediente en general —",
    document_files: "Archivos (PDF, DOCX o XLSX)",
    document_add: "Agregar un documento al expediente",
    document_save: "Guardar el documento",
    document_recorded: "Documento guardado en el expediente:",
    document_already: "Ese documento ya estaba en el expediente; no se guardó otra vez:",
    nav_expediente: "Expediente",
    plan_title: "Plan de trabajo",
    plan_intro: "Fechas previstas de inicio y fin de cada entregable y de cada hito posterior al Entregable 5, frente a lo que registra el historial. Cada replanificación se guarda como una nueva versión con su motivo.",
    plan_against_record: "Plan frente a lo registrado",
    plan_none: "La política aún no tiene plan de trabajo.",
    plan_target_column: "Entregable o hito",
    plan_start: "Inicio previsto",
    plan_end: "Fin previsto",
    plan_actual_start: "Inicio registrado",
    plan_actual_end: "Fin registrado",
    plan_replanned: "(replanificado)",
    plan_versions: "Versiones del plan",
    plan_replan: "Replanificar",
    plan_set: "Fijar el plan de trabajo",
    plan_form_hint: "Deje vacías las dos fechas de lo que no se planifica. Un entregable se da por cumplido cuando está «Conforme»; un hito, cuando se registra.",
    plan_reason_required: "Motivo de la replanificación (obligatorio)",
    plan_reason_optional: "Nota (opcional)",
    plan_save: "Guardar el plan",
    plan_saved: "Plan de trabajo guardado: versión",
    plan_word: "previsto",
    plan_timeline_caption: "Plan frente a lo registrado, en el tiempo",
    plan_legend_planned: "Previsto (el color indica su situación)",
    plan_legend_done: "Registrado: cumplido",
    plan_legend_open: "Registrado: en curso",
    attention_late_plan: "con retraso respecto del plan de trabajo",
    chart_by_answer: "Aportes por respuesta",
    chart_by_step: "Aportes por paso",
    chart_by_region: "Aportes por región",
    systematization_title: "Informe de sistematización de aportes",
    systematization_link: "Informe de sistematización (página y DOCX)",
    systematization_docx: "Descargar el informe (DOCX)",
    systematization_participation_heading: "Participación",
    systematization_answers_heading: "Aportes por paso y por respuesta",
    systematization_changes_heading: "Cambios que causaron los aportes acogidos",
    systematization_no_changes: "Ningún aporte fue acogido.",
    systematization_change_not_linked: "La respuesta no vincula una revisión del texto.",
    systematization_change_not_compared: "La revisión no se compara en este informe (demasiadas revisiones); consúltela en el historial del paso.",
    by_organisation: "Por organización",
    by_channel: "Por canal",
    by_jurisdiction: "Por región",
    figures_charts: "Gráficos",
    accepted_short: "Acogidos",
    total_word: "Total",
    lifting_title: "Matriz de levantamiento de observaciones",
    lifting_sheet: "Levantamiento",
    lifting_docx: "Matriz de levantamiento de observaciones (DOCX)",
    lifting_xlsx: "Matriz de levantamiento de observaciones (XLSX)",
    change_location: "Ubicación del cambio",
    observation_justification: "Sustento (obligatorio si la observación no se levanta por completo)",
    observation_revision: "Revisión que levantó la observación",
    no_revision: "Ninguna",
    change_place: "Ubicación del cambio en el documento",
    change_place_hint: "Opcional. Por ejemplo: «Paso 3, párrafo 4» o «Anexo 2, ficha del indicador IOP1.1».",
    change_place_hint_observation: "Si la observación se levanta, indique la revisión que hizo el cambio, esta ubicación o ambas. Por ejemplo: «Paso 3, párrafo 4».",
    manage_round: "Gestión de la consulta",
    mark_read: "Marcar todos como leídos",
    matrix_link: "Matriz de aportes",
    matrix_title: "Matriz de aportes",
    matrix_columns: [
        "N°", "Fecha", "Autor", "Organización", "Región", "Canal", "Paso", "Texto comentado", "Responde a", "Aporte", "Respuesta",
        "Justificación", "Cambio en el texto",
    ],
    matrix_round_column: "Consulta",
    lifting_columns: ["N°", "Ubicación en la versión remitida", "Observación del CEPLAN", "Estado", "Sustento", "Ubicación del cambio"],
    nav_rounds: "Consultas y revisiones",
    new_notice: "Nuevo",
    no: "No",
    no_contributions: "Aún no hay aportes que pueda ver.",
    no_notifications: "No tiene avisos.",
    no_region: "— Sin región —",
    no_rounds: "No hay consultas ni revisiones.",
    not_in_pasos: "Texto no registrado en Pasos",
    not_invited: "No invitada",
    notifications_title: "Avisos",
    open_round: "Abrir una consulta o revisión",
    open_round_button: "Abrirla",
    opens: "Apertura (fecha y hora)",
    paragraph: "párrafo",
    table_row: "fila",
    list_item: "elemento",
    footnote_back: "Volver a la llamada",
    import_title: "Importar un documento de Word",
    import_intro: "Suba el documento (.docx) del entregable o de un paso. Pasos conserva títulos, párrafos, negritas y cursivas, listas con viñetas o numeradas, tablas (también con celdas combinadas) y notas al pie, y separa los pasos por sus títulos «Paso 1», «Paso 2»… Verá cada paso antes de guardar; nada se guarda hasta que lo confirme.",
    import_unavailable: "Este servidor no puede leer documentos de Word (falta el programa pandoc). Pida a quien administra Pasos que lo instale; mientras tanto, copie y pegue el texto en el editor de cada paso.",
    import_file_label: "Documento de Word (.docx)",
    import_file_hint: "Hasta 8 MB. Los documentos .doc antiguos deben guardarse antes como .docx.",
    import_target: "¿Dónde va el texto?",
    import_whole: "En todo el entregable: cada título «Paso N» empieza el texto de ese paso",
    import_preview_button: "Ver la vista previa",
    import_preview_of: "Vista previa de",
    import_nothing_saved: "Todavía no se guardó nada. Revise cada paso y guarde los que quiera importar.",
    import_all_kept: "Se conservó todo el contenido del documento.",
    import_not_kept: "No se pudo conservar:",
    import_review_text: "Revisar o corregir el texto antes de guardar",
    import_save_button: "Guardar como nuevas revisiones",
    import_link: "Importar un documento de Word",
    pasted_changes_intro: "El texto pegado se ajustó para que se lea como se veía en Word o en el PDF:",
    toolbar_label: "Formato del texto",
    toolbar_column: "Columna",
    toolbar_note_text: "Texto de la nota.",
    editor_will_change: "Al guardar, el texto se ajustará para que se lea como se ve:",
    editor_raw_html: "El texto tiene código HTML: se mostrará como texto, no como formato. Use los botones de formato o Markdown.",
    docx_contents: "Contenido",
    comment_a_row: "Comentar una fila de la tabla",
    comment_an_item: "Comentar un elemento de la lista",
    publish_answers: "Publicar las respuestas",
    received_on: "Fecha de recepción",
    recorded_by_team: "Registrado por el equipo:",
    reply: "Responder a este aporte",
    replying_to: "Responde al aporte N°",
    round: "Consulta",
    round_needs_version: "Para abrir una consulta, cierre antes una versión para remisión del entregable.",
    round_text: "Texto en consulta",
    round_text_missing: "El texto de esta consulta no está en Pasos (consulta anterior a la plataforma).",
    rounds_heading: "Consultas y revisiones",
    rounds_title: "Consultas y revisiones",
    save_answer: "Guardar la respuesta",
    send_contribution: "Enviar aporte",
    source_document: "Documento de origen (oficio, acta del taller…)",
    systematize: "Sistematizar (todas respondidas)",
    title: "Título",
    unanswered: "Sin respuesta",
    unanswered_count: "Sin respuesta:",
    unread: "sin leer",
    window: "Plazo",
    without_answer: "sin respuesta",
    yes: "Sí",
    your_contribution: "Su aporte",
    deliverable_matrix_csv: "Matriz de aportes del entregable (CSV)",
    deliverable_matrix_xlsx: "Matriz de aportes del entregable (XLSX)",
    structure_title: "Contenido estructurado",
    structure_intro: "Los elementos de este paso se guardan como datos enlazados entre sí: la matriz de consistencia y las tablas del documento se generan a partir de ellos. Cada cambio queda como una revisión del paso.",
    consistency_title: "Matriz de consistencia",
    consistency_intro: "Generada a partir del contenido estructurado: una fila por cadena problema → causa → objetivo → indicador → lineamiento → servicio → estándar → actividad → responsable. Las celdas vacías son vacíos que corregir.",
    add: "Agregar",
    delete: "Eliminar",
    code: "Código",
    depends_on: "Pertenece a",
    yearly_targets: "Logros esperados",
    yearly_values: "Valores obtenidos y logros esperados por año",
    year: "Año",
    observed_value: "Valor obtenido",
    expected_value: "Logro esperado",
    series_help: "Escriba los valores como se usan en el Perú: «1 200,5», «70 %»; un logro puede decir «al menos 70 %» o «como máximo 5». Valores obtenidos: años después de la línea de base hasta este año (el último es el valor actual). Logros esperados: años después del último valor obtenido hasta el horizonte; el del horizonte es obligatorio cuando la línea de base tiene valor, los intermedios son opcionales.",
    update_years: "Actualizar los años",
    years_updated: "Años actualizados según la línea de base y el horizonte. Lo escrito se conserva; complete los valores y guarde.",
    activity_targets: "Metas físicas por año",
    activity_targets_help: "Indique la meta de al menos un año, hasta el horizonte de la política.",
    code_scheme_label: "Numeración de los códigos",
    code_schemes: ["Jerárquica (OP1, L1.1, S1.1.1)", "Correlativa por tipo (S1, S2 … S42)", "Códigos propios de la política (los escribe el equipo)"],
    save_scheme: "Guardar numeración",
    attributes_label: "Atributos de los estándares de cumplimiento (uno por línea)",
    save_attributes: "Guardar atributos",
    own_code_help: "Como lo numera la política (por ejemplo, «OP 3» o «Servicio 20»).",
    annexes_title: "Anexos",
    annexes_xlsx: "Anexos del entregable (XLSX)",
    chart_legend: crate::domain::annexes::CHART_LEGEND,
    problem_missing: "Aún no se ha registrado el enunciado del problema público (Paso 1, contenido estructurado).",
    only_one_added: "Ya registrado: para cambiarlo, use «Editar».",
    scheme_saved: "Numeración guardada: los elementos nuevos la siguen; «Renumerar códigos» la aplica a los que ya existen.",
    record_of: "Ver el detalle de",
    ficha_of: "Ver la ficha técnica de",
    years_shown: "Años del cuadro",
    horizon_label: "Año del horizonte de la política",
    set_horizon: "Guardar horizonte",
    criteria_label: "Criterios de evaluación de alternativas (uno por línea)",
    save_criteria: "Guardar criterios",
    scoring_title: "Matriz de evaluación de alternativas",
    total_score: "Puntaje total",
    renumber: "Renumerar códigos",
    renumber_help: "Los códigos no cambian cuando se elimina un elemento. Renumerar los vuelve consecutivos en toda la política; las versiones cerradas conservan los códigos que tenían.",
    no_items: "Aún no hay elementos.",
    causal_tree: "Árbol de causas",
    gaps: "Vacíos",
    missing_cell: "Falta",
    problem: "Problema público",
    comment_item: "Comentar este elemento",
    choose: "Seleccione…",
    required_mark: "(obligatorio)",
    item_saved: "Se guardó",
    item_deleted: "Se eliminó el elemento.",
    codes_renumbered: "Códigos renumerados:",
    settings_saved: "Se guardó el cambio.",
    editing: "Editar",
    delete_confirm: "Eliminar definitivamente",
    matrix_rows: "cadenas",
    ficha_tecnica: "Ficha técnica",
    consistency_headers: ["Causa", "Objetivo prioritario", "Indicador", "Lineamiento", "Servicio", "Estándar de cumplimiento", "Actividad operativa", "Responsable"],
    decision: "Decisión",
    actions_col: "Acciones",
};

/// The catalogue in use (one language today).
pub fn t() -> &'static Catalog {
    &ES
}

impl Catalog {
    pub fn deliverable_state(&self, s: DeliverableState) -> &'static str {
        use DeliverableState::*;
        match s {
            NoIniciado => "No iniciado",
            EnElaboracion => "En elaboración",
            EnRevisionInterna => "En revisión interna (OGPP)",
            RemitidoCeplan => "Remitido al CEPLAN",
            ObservadoCeplan => "Observado por el CEPLAN",
            EnLevantamiento => "En levantamiento de observaciones",
            ReingresadoCeplan => "Reingresado al CEPLAN",
            Conforme => "Conforme",
        }
    }

    /// A number of days as the record bounds it: "30 días", "entre 1 y 60 días (fechas
    /// aproximadas)", "≥ 1065 días (inicio no registrado)".
    pub fn duration(&self, d: crate::domain::dashboard::Days) -> String {
        self.duration_in(d, self.day, self.days)
    }

    /// The same in working days: "12 días hábiles", "≥ 5 días hábiles (inicio no registrado)".
    pub fn working_duration(&self, d: crate::domain::dashboard::Days) -> String {
        self.duration_in(d, "día hábil", self.working_days)
    }

    fn duration_in(&self, d: crate::domain::dashboard::Days, one: &str, many: &str) -> String {
        let unit = |n: i64| if n == 1 { one } else { many };
        match d.max {
            Some(max) if max == d.min => format!("{} {}", d.min, unit(d.min)),
            Some(max) => format!("entre {} y {max} {many} ({})", d.min, self.approximate_dates),
            None => format!("≥ {} {} ({})", d.min, unit(d.min), self.start_not_recorded),
        }
    }

    pub fn step_state(&self, s: StepState) -> &'static str {
        match s {
            StepState::NoIniciado => "No iniciado",
            StepState::EnElaboracion => "En elaboración",
            StepState::Entregado => "Entregado",
        }
    }

    /// What a reply answers, in the matriz: «N° 3: "the first words…"», or only the number when
    /// the reader may not read that contribution.
    pub fn replies_to(&self, number: u32, text: Option<&str>) -> String {
        match text {
            Some(text) => {
                let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
                let mut excerpt: String = words.chars().take(160).collect();
                if words.chars().count() > 160 {
                    excerpt.push('…');
                }
                format!("N° {number}: «{excerpt}»")
            }
            None => format!("N° {number}"),
        }
    }

    /// The one-time message after an account is created.
    pub fn account_created(&self, name: &str, email: &str) -> String {
        format!("Cuenta creada para {name} <{email}>.")
    }

    /// The one-time message after an account is changed.
    pub fn account_changed(&self, email: &str) -> String {
        format!("Cambios guardados en la cuenta de {email}.")
    }

    /// The one-time message after a password is reset.
    pub fn password_reset_done(&self, email: &str) -> String {
        format!("Contraseña restablecida para {email}; sus sesiones se cerraron.")
    }

    /// The notice of a consultation about to close.
    pub fn round_closing_notice(&self, title: &str, closes: &str) -> String {
        format!("La consulta «{title}» cierra el {closes}.")
    }

    /// The DOCX's cover line for a frozen version.
    pub fn docx_version_line(&self, number: u32, at: &str, author: &str) -> String {
        format!("Versión {number} — cerrada el {at} por {author}")
    }

    /// The DOCX's cover line for the working text.
    pub fn docx_working_line(&self, at: &str) -> String {
        format!("Texto de trabajo al {at}")
    }

    /// A `PASOS_TRUSTED_PROXIES` entry that is neither an address nor a network.
    pub fn bad_trusted_proxy(&self, entry: &str) -> String {
        format!("PASOS_TRUSTED_PROXIES: «{entry}» no es una dirección IP ni una red (10.0.0.5 o 10.0.0.0/24)")
    }

    /// "3 cuentas invitadas", in place of their e-mail addresses (which only the team sees).
    pub fn invited_accounts_count(&self, n: usize) -> String {
        if n == 1 { "1 cuenta invitada".to_string() } else { format!("{n} cuentas invitadas") }
    }

    pub fn role(&self, r: crate::domain::Role) -> &'static str {
        use crate::domain::Role::*;
        match r {
            Admin => "Administración",
            Equipo => "Equipo de la política",
            Directivo => "Directivo",
            Participante => "Participante regional",
            Ceplan => "CEPLAN",
            Sector => "Entidad responsable de indicadores",
        }
    }

    pub fn account_error(&self, e: crate::domain::AccountError) -> &'static str {
        use crate::domain::AccountError::*;
        match e {
            InvalidEmail => "El correo electrónico no es válido.",
            MissingName => "Falta el nombre.",
            NoRole => "Indique al menos un rol.",
            ParticipantWithoutJurisdiction => "Un participante regional necesita su región (ubigeo).",
            SectorWithoutOrganisation => "Una entidad responsable de indicadores necesita el nombre de su organización, como lo escriben las fichas técnicas (con su sigla entre paréntesis, si la tiene).",
            PasswordTooShort => "La contraseña debe tener al menos 10 caracteres.",
            PasswordTooLong => "La contraseña no puede tener más de 256 caracteres.",
        }
    }

    /// One change made to a pasted text, with how many times ("2 párrafos con sangría…").
    pub fn pasted_change(&self, change: crate::domain::pasted::Change, n: usize) -> String {
        use crate::domain::pasted::Change::*;
        let (one, many) = match change {
            Indent => ("párrafo con sangría (Tab) ya no se muestra como código", "párrafos con sangría (Tab) ya no se muestran como código"),
            LineBreak => ("salto de línea separa ahora dos párrafos", "saltos de línea separan ahora párrafos"),
            Bullet => ("viñeta «•» es ahora un elemento de lista", "viñetas «•» son ahora elementos de lista"),
            Hyphen => ("palabra cortada con guion al final de una línea se unió", "palabras cortadas con guion al final de una línea se unieron"),
            Leader => ("línea de índice perdió sus puntos y su número de página", "líneas de índice perdieron sus puntos y su número de página"),
        };
        format!("{n} {}", if n == 1 { one } else { many })
    }

    /// An import's refusal, by its key (`drafting::form::IMPORT_*`, or a text's `DraftError`).
    pub fn import_error(&self, key: &str) -> &'static str {
        use crate::drafting::form::*;
        match key {
            IMPORT_NO_FILE => "Elija el documento de Word que quiere importar.",
            IMPORT_TOO_BIG => "El documento supera los 8 MB. Guárdelo sin imágenes (Pasos no las importa) o divídalo.",
            IMPORT_UNREADABLE => "El archivo no se pudo leer como documento de Word (.docx), o su lectura tomó demasiado tiempo. Si es un .doc o un PDF, ábralo en Word y guárdelo como .docx; si es muy extenso, impórtelo por pasos.",
            IMPORT_UNAVAILABLE => "Este servidor no puede leer documentos de Word en este momento. Inténtelo más tarde o pegue el texto en el editor.",
            IMPORT_BUSY => "Se están leyendo otros documentos en este momento. Vuelva a intentarlo en un minuto; no se guardó nada.",
            IMPORT_NO_STEPS => "El documento no tiene títulos «Paso N» de este entregable. Elija el paso al que va todo el texto.",
            IMPORT_CONFLICT => "Alguien guardó uno de estos pasos después de la vista previa. No se guardó nada: revise el cambio en el historial del paso y vuelva a importar. Su vista previa sigue aquí.",
            IMPORT_NOTHING_TICKED => "Marque al menos un paso para guardarlo.",
            other => crate::domain::DraftError::from_key(other).map(|e| self.draft_error(e)).unwrap_or("No se pudo importar el documento."),
        }
    }

    /// What a Word document lost on import, with how many times.
    #[cfg(feature = "ssr")]
    pub fn import_lost(&self, lost: crate::drafting::word::Lost, n: usize) -> String {
        use crate::drafting::word::Lost::*;
        match lost {
            Images => format!("{n} imagen(es): Pasos no guarda imágenes; se conservó su texto alternativo, si lo tenían."),
            TrackedChanges => format!("{n} cambio(s) con control de cambios: se aceptaron (lo insertado queda, lo eliminado no)."),
            Comments => format!("{n} comentario(s) de Word: no se importan; páselos como aportes si corresponde."),
            Underline => format!("{n} subrayado(s): se conservó el texto, sin subrayar."),
            Superscript => format!("{n} superíndice(s) o subíndice(s): se conservó el texto en la línea."),
            Formulas => format!("{n} fórmula(s): se conservaron como texto."),
            NotesInTables => format!("{n} nota(s) al pie dentro de tablas con celdas combinadas: su texto quedó entre paréntesis en la celda."),
        }
    }

    /// The text before the first "Paso N" heading, not imported.
    pub fn import_before(&self, chars: usize) -> String {
        format!("El texto anterior al primer título «Paso N» ({chars} caracteres: portada, índice…), que no pertenece a ningún paso.")
    }

    /// "Paso N" headings of steps not in this deliverable, not imported.
    pub fn import_other_steps(&self, steps: &[u8]) -> String {
        let list = steps.iter().map(|s| format!("Paso {s}")).collect::<Vec<_>>().join(", ");
        format!("{list}: no pertenece(n) a este entregable; impórtelo(s) desde su entregable.")
    }

    /// A step saved by someone after the preview.
    pub fn import_step_changed(&self, base: u32, now: u32) -> String {
        format!("Este paso cambió después de la vista previa (revisión {base} → {now}). Revise el historial antes de reemplazarlo; al guardar, Pasos lo rechazará para no perder ese cambio.")
    }

    /// A tool of the editor's toolbar.
    pub fn toolbar_tool(&self, tool: crate::drafting::toolbar::Tool) -> &'static str {
        use crate::drafting::toolbar::Tool::*;
        match tool {
            Heading => "Título",
            Bullets => "Viñetas",
            Numbered => "Lista numerada",
            Table => "Tabla",
            Footnote => "Nota al pie",
        }
    }

    pub fn document_kind(&self, k: crate::domain::expediente::DocumentKind) -> &'static str {
        use crate::domain::expediente::DocumentKind::*;
        match k {
            Oficio => "Oficio",
            InformeTecnico => "Informe técnico",
            InformeLegal => "Informe legal",
            InformeCeplan => "Informe del CEPLAN",
            Acta => "Acta",
            Memorando => "Memorando",
            Otro => "Otro documento",
        }
    }

    pub fn document_error(&self, e: crate::domain::expediente::DocumentError) -> &'static str {
        use crate::domain::expediente::DocumentError::*;
        match e {
            BadKind => "Elija el tipo de documento.",
            MissingNumber => "Indique el número del documento, como figura en él.",
            TooLong => "Cada dato del documento puede tener hasta 200 caracteres.",
            BadDate => "Indique la fecha del documento (no anterior a 1990).",
            FutureDate => "La fecha no puede ser posterior a hoy.",
            ReceivedBeforeDate => "La fecha de recepción no puede ser anterior a la del documento.",
            UnknownEvent => "El evento elegido no existe en el historial de esta política.",
            NoFile => "Adjunte al menos un archivo. Los archivos deben elegirse de nuevo tras una corrección.",
            TooManyFiles => "Un documento lleva hasta 5 archivos. Elija los archivos de nuevo.",
            FileTooBig => "Cada archivo puede pesar hasta 10 MB, y todos juntos hasta 20 MB. Elija los archivos de nuevo.",
            BadFileType => "Solo se aceptan archivos PDF, DOCX o XLSX, reconocidos por su contenido y no por su nombre. Elija los archivos de nuevo.",
        }
    }

    /// A document as it is named: its number when the number already says what it is ("Oficio N°
    /// 230-2026-MTPE/2"), otherwise its kind before it ("Oficio 230-2026-MTPE/2").
    pub fn document_title(&self, kind: crate::domain::expediente::DocumentKind, number: &str) -> String {
        let kind_name = self.document_kind(kind);
        let first = kind_name.split_whitespace().next().unwrap_or(kind_name).to_lowercase();
        if number.to_lowercase().starts_with(&first) { number.to_string() } else { format!("{kind_name} {number}") }
    }

    /// "PDF, 1,2 MB".
    pub fn file_size(&self, kind: crate::domain::expediente::FileKind, bytes: usize) -> String {
        let size = if bytes >= 1024 * 1024 {
            format!("{} MB", format!("{:.1}", bytes as f64 / 1_048_576.0).replace('.', ","))
        } else {
            format!("{} KB", bytes.div_ceil(1024))
        };
        format!("({}, {size})", kind.key().to_uppercase())
    }

    pub fn document_files_hint(&self, max: usize) -> String {
        format!("Hasta {max} archivos de hasta 10 MB cada uno. Se descargan siempre como archivos; nunca se abren en Pasos.")
    }

    /// An event as the expediente's form offers it: "julio de 2023 · Entregable 1 · Comentarios y
    /// recomendaciones del CEPLAN" (the deliverable said once).
    pub fn event_choice(&self, e: &crate::domain::PolicyEvent) -> String {
        let named = e.deliverable.map(|n| format!("{} {n}", self.deliverable)).filter(|d| !e.title.contains(d.as_str()));
        let deliverable = named.map(|d| format!(" · {d}")).unwrap_or_default();
        format!("{}{deliverable} · {}", e.date.text(), e.title)
    }

    /// "Documento en el expediente: Oficio Oficio N° 230-2026-MTPE/2".
    pub fn audit_document(&self, kind: crate::domain::expediente::DocumentKind, number: &str) -> String {
        format!("Documento en el expediente: {} {number}", self.document_kind(kind))
    }

    pub fn modality(&self, m: crate::domain::workshop::Modality) -> &'static str {
        use crate::domain::workshop::Modality::*;
        match m {
            Presencial => "Presencial",
            Virtual => "Virtual",
            Semipresencial => "Semipresencial",
        }
    }

    pub fn entity_type(&self, e: crate::domain::workshop::EntityType) -> &'static str {
        use crate::domain::workshop::EntityType::*;
        match e {
            GobiernoNacional => "Gobierno nacional (ministerio u organismo público)",
            GobiernoRegional => "Gobierno regional (GORE, D/GRTPE, CDRPETI)",
            GobiernoLocal => "Gobierno local (municipalidad)",
            OrganismoAutonomo => "Organismo constitucionalmente autónomo",
            SociedadCivil => "Sociedad civil",
            OrganizacionTrabajadores => "Organización de trabajadores",
            SectorEmpleador => "Gremio empresarial o empresa",
            Academia => "Academia",
            CooperacionInternacional => "Cooperación u organismo internacional",
            Otro => "Otro",
        }
    }

    /// Each type of entity with its label, as a sheet may name it.
    pub fn entity_type_labels(&self) -> Vec<(crate::domain::workshop::EntityType, &'static str)> {
        crate::domain::workshop::EntityType::ALL.iter().map(|e| (*e, self.entity_type(*e))).collect()
    }

    pub fn sex(&self, s: crate::domain::workshop::Sex) -> &'static str {
        match s {
            crate::domain::workshop::Sex::Femenino => "Femenino",
            crate::domain::workshop::Sex::Masculino => "Masculino",
        }
    }

    pub fn workshop_error(&self, e: crate::domain::workshop::WorkshopError) -> &'static str {
        use crate::domain::workshop::WorkshopError::*;
        match e {
            MissingTitle => "Indique el título del taller.",
            TooLong => "El título, el lugar y los convocados pueden tener hasta 300 caracteres; el propósito, hasta 1000.",
            BadDate => "Indique el primer día del taller: no anterior a 1990 ni más de un año por delante.",
            BadEndDate => "El último día no puede ser anterior al primero, y un taller dura a lo sumo 31 días.",
            BadModality => "Elija la modalidad del taller.",
            BadVersion => "La versión elegida no es una versión cerrada para remisión de esta política.",
            BadRound => "La ronda elegida no es de esta política.",
            RoundOtherVersion => "La versión elegida no es la de la ronda: deje la versión en blanco o elija la de la ronda.",
            BadStep => "Los pasos tratados deben ser del entregable de la versión o de la ronda elegida.",
            UnknownJurisdiction => "Una de las regiones elegidas no existe.",
            MinutesChanged => "Otra persona guardó el acta mientras usted la editaba. Su texto está abajo, sin guardar; compárelo con el acta vigente y guárdelo de nuevo.",
            MinutesTooLong => "El acta puede tener hasta 50 000 caracteres.",
            CallChanged => "La convocatoria se corrigió (en otra pestaña o por otra persona) mientras usted la editaba. Su versión está abajo, sin guardar; la vigente es la de la ficha de arriba. Revise la suya y guárdela de nuevo.",
            HasContributions => "La ronda y el primer día del taller no pueden cambiar: ya se registraron aportes recibidos en él, en esa ronda y con esa fecha.",
        }
    }

    pub fn attendee_error(&self, e: crate::domain::workshop::AttendeeError) -> &'static str {
        use crate::domain::workshop::AttendeeError::*;
        match e {
            MissingName => "Falta el nombre de la persona.",
            TooLong => "El nombre, el cargo y la entidad pueden tener hasta 300 caracteres.",
            BadEntityType => "El tipo de entidad no se reconoce (use uno de la lista, por ejemplo «Gobierno regional» o «Sociedad civil»).",
            UnknownJurisdiction => "La región no se reconoce (escriba el nombre de un departamento, como «Cusco», o su código de ubigeo; para Lima, «Lima Metropolitana» o «Lima Provincias»).",
            BadSex => "El sexo no se reconoce (use F o M, Femenino o Masculino; o déjelo en blanco).",
        }
    }

    pub fn sheet_error(&self, e: crate::domain::workshop::SheetError) -> &'static str {
        use crate::domain::workshop::SheetError::*;
        match e {
            Unreadable => "No se pudo leer la hoja: debe ser un archivo CSV o XLSX. Elija el archivo de nuevo.",
            NoNameColumn => "La fila de títulos de la hoja debe tener una columna «Nombres y apellidos» (o «Nombre»), o dos: «Nombres» y «Apellidos». Elija el archivo de nuevo.",
            DuplicateColumn => "Dos columnas de la hoja dicen lo mismo: deje una sola y elija el archivo de nuevo.",
            Empty => "La hoja no tiene filas con asistentes. Elija el archivo de nuevo.",
            TooManyRows => "Una hoja puede tener hasta 2000 asistentes. Divídala y elija el archivo de nuevo.",
            TooBig => "La hoja puede pesar hasta 2 MB. Elija el archivo de nuevo.",
            TooBigUnpacked => "La hoja contiene demasiados datos para leerla (más de 40 MB al abrirla). Guarde solo la lista de asistencia en un libro nuevo y elija el archivo de nuevo.",
            Rows => "No se importó ninguna fila: corrija las siguientes en la hoja y elija el archivo de nuevo.",
        }
    }

    /// "Las columnas «Región» y «Region» de la hoja dicen lo mismo: …"
    pub fn sheet_duplicate_column(&self, one: &str, other: &str) -> String {
        format!("Las columnas «{one}» y «{other}» de la hoja dicen lo mismo: deje una sola y elija el archivo de nuevo.")
    }

    /// "Y 12 filas más con errores." after the lines said one by one.
    pub fn sheet_more_rows(&self, more: usize) -> String {
        if more == 1 { "Y 1 fila más con errores.".to_string() } else { format!("Y {more} filas más con errores.") }
    }

    /// "Fila 4: La región no se reconoce (…) Se leyó: «Marte»."
    pub fn sheet_row_error(&self, row: usize, e: crate::domain::workshop::AttendeeError, value: &str) -> String {
        let read = if value.is_empty() { String::new() } else { format!(" Se leyó: «{value}».") };
        format!("Fila {row}: {}{read}", self.attendee_error(e))
    }

    /// "Se agregaron 48 personas a la lista." / "…; 2 ya estaban en ella."
    pub fn attendees_added(&self, added: usize, already: usize) -> String {
        let added = match added {
            0 => "No se agregó a nadie a la lista".to_string(),
            1 => "Se agregó 1 persona a la lista".to_string(),
            n => format!("Se agregaron {n} personas a la lista"),
        };
        match already {
            0 => format!("{added}."),
            1 => format!("{added}; 1 ya estaba en ella."),
            n => format!("{added}; {n} ya estaban en ella."),
        }
    }

    /// "48 participantes de 12 regiones", "2 participantes (1 con región registrada)", "Sin lista de asistencia".
    pub fn participants_summary(&self, c: &crate::domain::workshop::AttendanceCounts) -> String {
        let people = if c.total == 1 { "1 participante".to_string() } else { format!("{} participantes", c.total) };
        let regions = if c.regions() == 1 { "1 región".to_string() } else { format!("{} regiones", c.regions()) };
        match (c.total, c.with_region()) {
            (0, _) => "Sin lista de asistencia registrada".to_string(),
            (_, 0) => format!("{people} (sin región registrada)"),
            (t, r) if t == r => format!("{people} de {regions}"),
            (_, r) => format!("{people} ({r} de ellos de {regions})"),
        }
    }

    /// The counts as bar charts, each titled and described with every value.
    pub fn attendance_charts(&self, c: &crate::domain::workshop::AttendanceCounts, regions: &[(String, String)]) -> Vec<crate::domain::systematization::Bars> {
        let chart = |title: &str, bars: Vec<(String, usize)>| {
            let values = bars.iter().map(|(l, n)| format!("{l}: {n}")).collect::<Vec<_>>().join("; ");
            crate::domain::systematization::Bars { title: format!("Participantes {}", title.to_lowercase()), description: format!("Participantes {}: {values}.", title.to_lowercase()), bars }
        };
        let region = |u: &Option<String>| match u {
            Some(u) => regions.iter().find(|(c, _)| c == u).map(|(_, n)| n.clone()).unwrap_or_else(|| u.clone()),
            None => self.not_recorded_f.to_string(),
        };
        vec![
            chart(self.by_region, c.by_jurisdiction.iter().map(|(j, n)| (region(j), *n)).collect()),
            chart(self.by_entity_type, c.by_entity_type.iter().map(|(e, n)| (e.map_or(self.not_recorded, |e| self.entity_type(e)).to_string(), *n)).collect()),
            chart(self.by_sex, c.by_sex.iter().map(|(s, n)| (s.map_or(self.not_recorded, |s| self.sex(s)).to_string(), *n)).collect()),
        ]
    }

    /// "12/10/2023", "12/10/2023 al 13/10/2023", "octubre de 2023".
    pub fn workshop_days_short(&self, w: &crate::domain::workshop::Workshop) -> String {
        match (w.date.precision, w.last_day) {
            (crate::domain::DatePrecision::Day, Some(l)) => format!("{} al {}", w.date.date.format("%d/%m/%Y"), l.format("%d/%m/%Y")),
            _ => w.date.text(),
        }
    }

    /// A workshop as the expediente's form offers it: "12/10/2023 · Taller: …".
    pub fn workshop_choice(&self, w: &crate::domain::workshop::Workshop) -> String {
        format!("{} · {}: {}", self.workshop_days_short(w), self.workshop_short, w.title)
    }

    /// "Entregable 2 · versión 3".
    pub fn workshop_version(&self, deliverable: u8, version: u32) -> String {
        format!("{} {deliverable} · {} {version}", self.deliverable, self.version.to_lowercase())
    }

    /// A round as the workshop form offers it: "E2 · Consulta regional · «…»".
    pub fn workshop_round_choice(&self, deliverable: u8, kind: crate::domain::RoundKind, title: &str) -> String {
        format!("E{deliverable} · {} · «{title}»", self.round_kind(kind))
    }

    /// "Aporte N° 7 registrado en la ronda del taller; se responde allí."
    pub fn workshop_contribution_recorded(&self, n: u32) -> String {
        format!("Aporte N° {n} registrado en la ronda del taller; se responde allí, como cualquier otro.")
    }

    pub fn audit_workshop(&self, title: &str) -> String {
        format!("Taller registrado: {title}")
    }

    pub fn audit_call(&self, title: &str) -> String {
        format!("Convocatoria del taller corregida: {title}")
    }

    pub fn audit_minutes(&self, title: &str) -> String {
        format!("Acta del taller guardada: {title}")
    }

    pub fn audit_attendance(&self, title: &str, n: usize) -> String {
        format!("Lista de asistencia del taller «{title}»: {n} agregados")
    }

    pub fn audit_attendee_removed(&self, title: &str) -> String {
        format!("Lista de asistencia del taller «{title}»: una persona quitada")
    }

    /// A passage quoted: «…».
    pub fn quoted(&self, text: &str) -> String {
        format!("«{text}»")
    }

    /// Where a contribution points, with the words it quotes: "Paso 3, párrafo 4: «…»".
    pub fn place_quoting(&self, place: &str, passage: &str) -> String {
        format!("{place}: «{passage}»")
    }

    /// The year's official name as the header of a document prints it.
    pub fn docx_year_name(&self, name: &str) -> String {
        format!("«{name}»")
    }

    /// The summary of a revision made by an import.
    pub fn import_summary(&self, file: &str) -> String {
        format!("Importado de «{file}»")
    }

    /// The steps an import saved.
    pub fn imported_steps(&self, steps: &str) -> String {
        format!("Se guardaron como nuevas revisiones los pasos importados: {}.", steps.replace(',', ", "))
    }

    pub fn draft_error(&self, e: crate::domain::DraftError) -> &'static str {
        use crate::domain::DraftError::*;
        match e {
            EmptyBody => "El texto está vacío: escriba el contenido del paso antes de guardar. No se guardó nada.",
            BodyTooLong => "El texto supera el máximo de 1 MB. Divídalo o acórtelo; su texto sigue en el editor y no se guardó nada.",
            SummaryTooLong => "El resumen del cambio no puede tener más de 200 caracteres. No se guardó nada.",
            EmptyNote => "Escriba una nota que describa la versión (por ejemplo, a quién se remite).",
            NoteTooLong => "La nota no puede tener más de 2000 caracteres.",
            TooDeep => "El texto anida listas o citas en más de 16 niveles, el máximo que Pasos admite. Reduzca la sangría; su texto sigue en el editor y no se guardó nada.",
            TooManyElements => "El texto tiene más de 50 000 elementos (párrafos, viñetas, celdas de tabla…), el máximo de un paso. Divídalo; su texto sigue en el editor y no se guardó nada.",
            GuideTooLong => "El nombre de la guía no puede tener más de 200 caracteres.",
        }
    }

    /// The timeline title of a recorded transition.
    pub fn transition_title(&self, from: DeliverableState, to: DeliverableState, n: u8, answer: Option<crate::domain::CeplanAnswer>) -> String {
        use DeliverableState::*;
        if from.reopens(to) {
            return format!("Entregable {n} reabierto");
        }
        if to == ObservadoCeplan && answer == Some(crate::domain::CeplanAnswer::ComentariosRecomendaciones) {
            return format!("Comentarios y recomendaciones del CEPLAN al Entregable {n}");
        }
        match to {
            NoIniciado => format!("Entregable {n}: no iniciado"),
            EnElaboracion => format!("Entregable {n} en elaboración"),
            EnRevisionInterna => format!("Entregable {n} en revisión interna (OGPP)"),
            RemitidoCeplan => format!("Entregable {n} remitido al CEPLAN"),
            ObservadoCeplan => format!("Observaciones del CEPLAN al Entregable {n}"),
            EnLevantamiento => format!("Levantamiento de observaciones del Entregable {n}"),
            ReingresadoCeplan => format!("Entregable {n} reingresado al CEPLAN"),
            Conforme => format!("Conformidad del CEPLAN al Entregable {n}"),
        }
    }

    /// What recording a transition from `from` into `to` is called on its button.
    pub fn transition_action(&self, from: DeliverableState, to: DeliverableState) -> &'static str {
        use DeliverableState::*;
        if from.reopens(to) {
            return "Reabrir el entregable (indique el motivo en la nota)";
        }
        if from == EnLevantamiento && to == EnRevisionInterna {
            return "Enviar de nuevo a revisión interna (OGPP)";
        }
        match to {
            NoIniciado => "Volver a no iniciado",
            EnElaboracion => "Pasar a elaboración",
            EnRevisionInterna => "Enviar a revisión interna (OGPP)",
            RemitidoCeplan => "Remitir al CEPLAN",
            ObservadoCeplan => "Registrar observaciones del CEPLAN",
            EnLevantamiento => "Iniciar levantamiento de observaciones",
            ReingresadoCeplan => "Reingresar al CEPLAN",
            Conforme => "Registrar conformidad del CEPLAN",
        }
    }

    pub fn milestone(&self, m: crate::domain::Milestone) -> &'static str {
        use crate::domain::Milestone::*;
        match m {
            OpinionTecnica => "Opinión técnica favorable del CEPLAN",
            Prepublicacion => "Prepublicación del proyecto de decreto supremo",
            ConformidadSectores => "Conformidad de los sectores corresponsables",
            ConsejoMinistros => "Voto aprobatorio del Consejo de Ministros",
            Aprobacion => "Aprobación por Decreto Supremo",
            Publicacion => "Publicación en El Peruano",
            Implementacion => "Implementación",
        }
    }

    /// The title of a milestone left out: "No corresponde: Prepublicación del proyecto…".
    pub fn milestone_skipped_title(&self, m: crate::domain::Milestone) -> String {
        format!("No corresponde: {}", self.milestone(m))
    }

    /// "Validación del Entregable 2 por la comisión multisectorial o grupo de trabajo".
    pub fn validation_title(&self, n: u8) -> String {
        format!("Validación del Entregable {n} por la comisión multisectorial o grupo de trabajo")
    }

    pub fn review_error(&self, e: crate::domain::ReviewError) -> &'static str {
        use crate::domain::ReviewError::*;
        match e {
            NotAllowed => "Ese cambio de estado no es posible desde el estado actual (puede que otra persona lo haya cambiado). No se registró nada.",
            PreviousNotConforme => "Este entregable solo puede remitirse al CEPLAN cuando el entregable anterior esté Conforme. Puede seguir elaborándolo.",
            BadDate => "Indique la fecha oficial (día, mes y año).",
            FutureDate => "La fecha no puede ser posterior a hoy.",
            TooEarly => "La fecha no puede ser anterior a 1990: revise el año.",
            BeforePrevious => "La fecha no puede ser anterior al evento previo de este entregable.",
            MissingDocument => "Indique el documento oficial (por ejemplo, «Oficio N° 123-2024-MTPE/2» o «Informe N° …»).",
            DocumentTooLong => "La referencia del documento no puede tener más de 200 caracteres.",
            NoteTooLong => "La nota no puede tener más de 2000 caracteres.",
            BadLink => "El enlace debe ser una dirección web completa que empiece por https:// (o http://).",
            MissingVersion => "Indique qué versión se remite: cierre el texto actual como versión o elija una versión cerrada.",
            UnknownVersion => "Esa versión no existe para este entregable.",
            NothingToFreeze => "Ningún paso de este entregable tiene texto: no hay versión que remitir.",
            MilestoneOutOfOrder => "Ese hito no es el siguiente de la política.",
            DeliverablesNotConforme => "Los hitos se registran cuando los cinco entregables están Conforme.",
            MissingReason => "Indique el motivo de la anulación.",
            ReasonTooLong => "El motivo no puede tener más de 1000 caracteres.",
            NotLatest => "Solo puede anularse el último registro vigente de este entregable (o el último hito).",
            BadAnswer => "Ese tipo de respuesta no corresponde a lo que se registra: las observaciones son «Observaciones» o «Comentarios y recomendaciones».",
            MissingJustification => "Indique el motivo en la nota.",
            PolicyApproved => "La política ya está aprobada por decreto supremo: sus entregables no se reabren.",
            MissingCommentary => "Escriba el comentario que explica por qué se elige esta situación.",
            CommentaryTooLong => "El comentario no puede tener más de 2000 caracteres.",
            NotSkippable => "Ese hito no puede omitirse: solo la prepublicación y la conformidad de los sectores corresponsables pueden no corresponder.",
        }
    }

    /// What an entry of the activity log is about, named for people (the stored keys are stable
    /// identifiers; an unknown one is shown as stored).
    pub fn audit_entity<'a>(&self, key: &'a str) -> &'a str {
        match key {
            "usuario" => "Cuenta",
            "paso" => "Texto de un paso",
            "version" => "Versión para remisión",
            "revision_ceplan" => "Revisión con el CEPLAN",
            "hito" => "Hito de la política",
            "evento" => "Registro anulado",
            "validacion" => "Validación de la comisión",
            "informe" => "Informe de progreso",
            "ronda" => "Consulta o revisión",
            "estructura" => "Contenido estructurado",
            other => other,
        }
    }

    /// "Situación elegida por Ana el 05/01/2024 10:00 (Pasos calcula «En curso»): …".
    pub fn status_chosen(&self, computed: &str, by: &str, at: &str, commentary: &str) -> String {
        format!("Situación elegida por {by} el {at} (Pasos calcula «{computed}»): {commentary}")
    }

    /// A holidays file with a line that is not a date.
    pub fn bad_holidays_line(&self, path: &str, line: usize) -> String {
        format!("{path}, línea {line}: se esperaba una fecha AAAA-MM-DD seguida del nombre del feriado.")
    }

    /// The facts stated before closing a consultation early: "La consulta tiene 0 aportes y cierra
    /// el 14/12/2026 (quedan 14 días). Cerrarla ahora no se puede deshacer."
    /// "quedan 3 días (cierra el 14/12/2026 18:00)"; the last day says "cierra hoy".
    pub fn days_left(&self, days: i64, closes: &str) -> String {
        match days {
            0 => format!("Cierra hoy, {closes}"),
            1 => format!("Queda 1 día (cierra el {closes})"),
            n => format!("Quedan {n} días (cierra el {closes})"),
        }
    }

    /// "1 aporte sobre este párrafo", "4 aportes sobre este párrafo".
    pub fn contributions_on_paragraph(&self, n: usize) -> String {
        if n == 1 { "1 aporte sobre este párrafo".to_string() } else { format!("{n} aportes sobre este párrafo") }
    }

    /// "3 aportes por responder".
    pub fn to_answer(&self, n: usize) -> String {
        if n == 1 { "1 aporte por responder".to_string() } else { format!("{n} aportes por responder") }
    }

    pub fn confirm_close_facts(&self, all: usize, closes: &str, days_left: i64) -> String {
        format!("La consulta tiene {all} {} y cierra el {closes} (quedan {days_left} {}). Cerrarla ahora no se puede deshacer.",
            if all == 1 { "aporte" } else { "aportes" }, if days_left == 1 { self.day } else { self.days })
    }

    /// The report's first sentence, in the tense of the round's status: "La consulta regional «…»,
    /// sobre la versión 3 del Entregable 2 (pasos 3 y 4) de la Política …, estuvo abierta del
    /// 02/10/2023 08:00 al 16/10/2023 18:00 (hora de Lima)."
    pub fn systematization_opening(&self, round: &crate::domain::RoundInfo, policy_name: &str, status: crate::domain::rounds::RoundStatus) -> String {
        use crate::domain::rounds::RoundStatus;
        use crate::domain::RoundKind;
        let steps = round.steps.iter().map(u8::to_string).collect::<Vec<_>>().join(" y ");
        let version = round.version.map_or_else(|| "el texto (no registrado en Pasos)".to_string(), |v| format!("la versión {v}"));
        let what = match round.kind {
            RoundKind::RevisionInterna => "La revisión interna",
            RoundKind::ObservacionesCeplan => "La ronda de observaciones del CEPLAN",
            RoundKind::ConsultaRegional => "La consulta regional",
            RoundKind::ConsultaActores => "La consulta con actores",
        };
        let window = match status {
            RoundStatus::Programada => "se abrirá",
            RoundStatus::Abierta => "está abierta",
            RoundStatus::Cerrada | RoundStatus::Sistematizada => "estuvo abierta",
        };
        format!(
            "{what} «{}», sobre {version} del Entregable {} ({} {steps}) de la {policy_name}, {window} del {} al {} (hora de Lima).",
            round.title,
            round.deliverable,
            if round.steps.len() == 1 { "paso" } else { "pasos" },
            crate::domain::time::moment(&round.opens),
            crate::domain::time::moment(&round.closes),
        )
    }

    /// Who was invited and who took part, as counted.
    pub fn systematization_participation(&self, round: &crate::domain::RoundInfo, invited: usize, took_part: usize, organisations: usize, authors: usize) -> String {
        let n = |k: usize, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
        let mut invitees = Vec::new();
        if invited > 0 {
            invitees.push(n(invited, "región", "regiones"));
        }
        if !round.organisations.is_empty() {
            invitees.push(n(round.organisations.len(), "organización", "organizaciones"));
        }
        let accounts = round.users.len().max(round.hidden_accounts);
        if accounts > 0 {
            invitees.push(n(accounts, "cuenta", "cuentas"));
        }
        let invited_text = if invitees.is_empty() { "Se invitó según los roles de la política".to_string() } else { format!("Se invitó a {}", invitees.join(", ")) };
        format!(
            "{invited_text}. Participaron {}, {} y {} (personas o entidades que firmaron los aportes).",
            n(took_part, "región", "regiones"),
            n(organisations, "organización", "organizaciones"),
            n(authors, "autor", "autores"),
        )
    }

    /// The answers in one sentence: "Se recibieron 12 aportes. Respuestas: Acogido, 5 (42 %); …;
    /// sin respuesta, 1. Se acogió total o parcialmente el 58 %."
    pub fn systematization_answers(&self, f: &crate::domain::systematization::Figures, accepted_percent: usize) -> String {
        use crate::domain::systematization::percent;
        let mut parts: Vec<String> = f.by_answer.iter().map(|(a, k)| format!("{}, {k} ({} %)", self.answer_state(*a), percent(*k, f.total))).collect();
        if f.unanswered > 0 {
            parts.push(format!("sin respuesta, {}", f.unanswered));
        }
        let channels = f.by_channel.iter().map(|(c, k)| format!("{}, {k}", self.channel(*c).to_lowercase())).collect::<Vec<_>>().join("; ");
        match f.total {
            0 => "No se recibieron aportes.".to_string(),
            total => format!(
                "Se {} {total} {} (por canal: {channels}). Respuestas: {}. Se acogió o levantó, total o parcialmente, el {accepted_percent} %.",
                if total == 1 { "recibió" } else { "recibieron" },
                if total == 1 { "aporte" } else { "aportes" },
                parts.join("; ")
            ),
        }
    }

    /// The facts stated before systematizing: "La consulta tiene 3 aportes (0 sin respuesta).
    /// Sistematizarla no se puede deshacer."
    pub fn confirm_systematize_facts(&self, all: usize, unanswered: usize) -> String {
        format!("La consulta tiene {all} {} ({unanswered} sin respuesta). Sistematizarla no se puede deshacer.", if all == 1 { "aporte" } else { "aportes" })
    }

    /// The kind of CEPLAN's answer, as CEPLAN names it.
    pub fn ceplan_answer(&self, a: crate::domain::CeplanAnswer) -> &'static str {
        use crate::domain::CeplanAnswer::*;
        match a {
            ComentariosRecomendaciones => "Comentarios y recomendaciones",
            Observaciones => "Observaciones",
            Conformidad => "Conformidad",
            OpinionTecnicaFavorable => "Opinión técnica favorable",
        }
    }

    pub fn channel(&self, c: crate::domain::rounds::Channel) -> &'static str {
        use crate::domain::rounds::Channel::*;
        match c {
            Plataforma => "Plataforma",
            Taller => "Taller",
            Correo => "Correo electrónico",
            Oficio => "Oficio",
        }
    }

    /// Where an answer says the text changed, for a contribution on `step`: "Paso 3, párrafo 4 ·
    /// Paso 4, revisión 7" (empty when it says nowhere).
    pub fn change_words(&self, answer: &crate::domain::rounds::Answer, step: u8) -> String {
        let revision = answer.change(step).map(|(s, r)| format!("{} {s}, {} {r}", self.step, self.revision.to_lowercase()));
        [answer.place.clone(), revision].into_iter().flatten().collect::<Vec<_>>().join(" · ")
    }

    pub fn answer_state(&self, a: crate::domain::rounds::AnswerState) -> &'static str {
        use crate::domain::rounds::AnswerState::*;
        match a {
            Acogido => "Acogido",
            AcogidoParcialmente => "Acogido parcialmente",
            NoAcogido => "No acogido",
            NoCorresponde => "No corresponde",
            Levantada => "Levantada",
            LevantadaParcialmente => "Levantada parcialmente",
            NoLevantada => "No levantada – se sustenta",
        }
    }

    pub fn round_kind(&self, k: crate::domain::RoundKind) -> &'static str {
        use crate::domain::RoundKind::*;
        match k {
            RevisionInterna => "Revisión interna",
            ObservacionesCeplan => "Observaciones del CEPLAN",
            ConsultaRegional => "Consulta regional",
            ConsultaActores => "Consulta con actores",
        }
    }

    pub fn round_status(&self, s: crate::domain::rounds::RoundStatus) -> &'static str {
        use crate::domain::rounds::RoundStatus::*;
        match s {
            Programada => "Programada",
            Abierta => "Abierta",
            Cerrada => "Cerrada",
            Sistematizada => "Sistematizada",
        }
    }

    pub fn round_error(&self, e: crate::domain::rounds::RoundError) -> &'static str {
        use crate::domain::rounds::RoundError::*;
        match e {
            MissingTitle => "Escriba un título para la consulta.",
            TitleTooLong => "El título no puede tener más de 200 caracteres.",
            BadVersion => "Elija una versión cerrada para remisión del entregable (cierre una primero si no hay).",
            NoSteps => "Elija al menos un paso del entregable.",
            BadWindow => "Indique la apertura y el cierre con fecha y hora.",
            ClosesBeforeOpens => "El cierre debe ser posterior a la apertura.",
            ClosesInPast => "El cierre debe ser posterior a este momento.",
            NoInvitees => "Indique a quién se invita: regiones para una consulta regional; organizaciones o cuentas para una consulta con actores.",
            UnknownJurisdiction => "Una de las regiones elegidas no existe.",
            EmptyContribution => "Escriba su aporte antes de enviarlo.",
            ContributionTooLong => "El aporte no puede tener más de 10 000 caracteres.",
            BadStep => "Elija un paso (y, si comenta un párrafo, uno del texto de la consulta).",
            BadChannel => "Indique por qué canal llegó el aporte (taller, correo u oficio).",
            BadDate => "Indique la fecha en que llegó el aporte: no posterior a hoy ni anterior a 1990.",
            MissingSource => "Indique de quién es el aporte: autor, organización o región.",
            BadAnswer => "Elija una de las respuestas que ofrece el formulario.",
            MissingJustification => "La justificación es obligatoria salvo cuando el aporte se acoge (para una observación del CEPLAN, el sustento, salvo cuando se levanta por completo).",
            JustificationTooLong => "La justificación no puede tener más de 4000 caracteres.",
            Unanswered => "Hay aportes sin respuesta: la consulta no puede sistematizarse hasta responderlos todos.",
            MissingReason => "Indique el motivo para sistematizar con aportes sin respuesta.",
            NotOpen => "La consulta no está abierta: no recibe aportes ahora.",
            AlreadySystematized => "La consulta ya está sistematizada.",
            TooDeep => "El aporte anida listas o citas en más de 16 niveles, el máximo que Pasos admite. Reduzca la sangría; su texto sigue en el formulario y no se envió.",
            TooManyElements => "El aporte tiene más de 50 000 elementos (párrafos, viñetas, celdas de tabla…). Divídalo; su texto sigue en el formulario y no se envió.",
            ImplausibleWindow => "El plazo no es verosímil: la apertura no puede ser anterior a 1990 ni el cierre posterior a dos años desde hoy. Revise los años.",
            VersionNotSent => "El CEPLAN solo lee lo que se le remitió: elija una versión remitida al CEPLAN (registrada como «Remitido» o «Reingresado» en el historial del entregable).",
            NotConfirmed => "Marque la casilla de confirmación: esta acción no se puede deshacer.",
            StillOpen => "La consulta sigue abierta: ciérrela primero. Antes de su cierre solo un directivo puede sistematizarla, con un motivo.",
            BadReply => "Solo puede responder a un aporte de esta consulta que usted pueda leer.",
            MissingChange => "Indique dónde se levantó la observación: elija la revisión que hizo el cambio o escriba su ubicación en el documento.",
            PlaceTooLong => "La ubicación del cambio no puede tener más de 300 caracteres.",
            BadRevision => "Elija una revisión de la lista: la indicada no existe en los pasos del entregable o se guardó antes de que llegara el aporte.",
        }
    }

    pub fn cdrpeti_state(&self, s: CdrpetiState) -> &'static str {
        match s {
            CdrpetiState::Activo => "Activo",
            CdrpetiState::Inactivo => "Inactivo",
            CdrpetiState::SinDato => "Sin dato",
        }
    }

    /// A refused change to the structured content, from its key and detail.
    pub fn structure_error(&self, key: &str, detail: &str) -> String {
        match key {
            "faltante" => format!("Complete el campo «{detail}»."),
            "no_numero" => format!("«{detail}» debe ser un número (por ejemplo, 12,5)."),
            "anio" => format!("«{detail}» debe ser un año de cuatro cifras."),
            "opcion" => format!("Elija una de las opciones de «{detail}»."),
            "enlace" => format!("«{detail}»: elija un elemento que exista."),
            "sin_padre" => "Elija el elemento al que pertenece.".into(),
            "meta_fuera" => format!("El logro o meta de {detail} está fuera del período: los logros esperados van del año siguiente al último valor conocido hasta el horizonte."),
            "obtenido_fuera" => format!("El valor obtenido de {detail} está fuera del período: los valores obtenidos van del año siguiente a la línea de base hasta este año."),
            "meta_faltante" => format!("Falta el logro esperado de {detail}, el año del horizonte."),
            "meta_sentido" => format!("El logro esperado de {detail} va en contra del sentido esperado del indicador."),
            "no_corresponde" => format!("«{detail}» debe quedar en blanco: la línea de base aún está por construir."),
            "calificado" => format!("«{detail}» es un valor medido: escriba solo el número, sin «al menos» ni «como máximo»."),
            "porcentaje" => format!("«{detail}» lleva «%», pero el parámetro de medición no es porcentaje."),
            "rango" => format!("«{detail}» está fuera de rango: un porcentaje va de 0 a 100 y una cantidad no puede ser negativa."),
            "unico" => format!("La política ya tiene su «{detail}»: edite el que existe."),
            "codigo_usado" => format!("El código «{detail}» ya lo tiene otro elemento de la política."),
            "codigo" => "Escriba el código en una línea, de hasta 20 caracteres y sin «:».".into(),
            "sin_metas" => "Indique la meta física de al menos un año.".into(),
            "base_horizonte" => format!("La línea de base ({detail}) debe ser anterior al año del horizonte de la política."),
            "demasiados" => "La política ya tiene 1500 elementos, el máximo: elimine los que no use antes de agregar otros.".into(),
            "atributos" => "Indique de 1 a 20 atributos distintos, uno por línea, de hasta 80 caracteres cada uno.".into(),
            "referido" => format!("No se puede eliminar: lo citan {detail}. Cambie o elimine primero esos elementos."),
            "largo" => format!("«{detail}» es demasiado largo (hasta 5000 caracteres)."),
            "puntaje" => format!("El puntaje de «{detail}» debe ser un número entero del 1 al 5."),
            "criterios" => "Indique de 1 a 8 criterios distintos, uno por línea, de hasta 80 caracteres cada uno.".into(),
            "horizonte" => "Indique el año del horizonte con cuatro cifras (por ejemplo, 2030).".into(),
            "no_encontrado" => "Ese elemento ya no existe: quizá otra persona lo eliminó.".into(),
            _ => "No se pudo guardar. Revise los datos e intente de nuevo.".into(),
        }
    }
}

/// The activity log's summaries of what was done, and the notices written with it.
impl Catalog {
    pub fn audit_account_created(&self, email: &str, roles: &str) -> String {
        format!("Crea la cuenta {email} ({roles})")
    }
    pub fn audit_password_changed(&self, email: &str) -> String {
        format!("Cambia la contraseña de {email}")
    }
    pub fn audit_mail_retried(&self, to: &str) -> String {
        format!("Reintenta el envío de un correo de aviso a {to}")
    }
    pub fn audit_account_changed(&self, email: &str, roles: &str, active: bool) -> String {
        format!("Modifica la cuenta {email} (roles: {roles}; {})", if active { "activa" } else { "desactivada" })
    }
    pub fn audit_step_saved(&self, step: u8, revision: u32) -> String {
        format!("Guarda el paso {step} (revisión {revision})")
    }
    pub fn audit_version_frozen(&self, number: u32, deliverable: u8) -> String {
        format!("Cierra la versión {number} del entregable {deliverable} para remisión")
    }
    /// "Entregable 1: Remitido al CEPLAN → Observado por el CEPLAN" (the states' labels, never their keys).
    pub fn audit_transition(&self, deliverable: u8, from: DeliverableState, to: DeliverableState) -> String {
        format!("Entregable {deliverable}: {} → {}", self.deliverable_state(from), self.deliverable_state(to))
    }
    pub fn audit_milestone(&self, m: crate::domain::Milestone, skipped: bool) -> String {
        if skipped { format!("Hito omitido: {}", self.milestone(m)) } else { format!("Hito: {}", self.milestone(m)) }
    }
    /// "Informe 2023-05 a 2023-12: situación «No alcanzado» elegida" / "…: vuelve a la calculada".
    pub fn audit_report_status(&self, from: &str, to: &str, chosen: Option<&str>) -> String {
        match chosen {
            Some(label) => format!("Informe {from} a {to}: situación «{label}» elegida"),
            None => format!("Informe {from} a {to}: vuelve a la situación calculada"),
        }
    }
    pub fn audit_annulled(&self, title: &str, reason: &str) -> String {
        format!("Anula «{title}»: {reason}")
    }
    pub fn audit_round_created(&self, title: &str) -> String {
        format!("Abre la consulta «{title}»")
    }
    pub fn audit_answers_published(&self, title: &str) -> String {
        format!("Publica las respuestas de «{title}»")
    }
    pub fn audit_round_closed(&self, title: &str) -> String {
        format!("Cierra «{title}»")
    }
    pub fn audit_round_systematized(&self, title: &str, forced: Option<&str>) -> String {
        match forced {
            Some(reason) => format!("Sistematiza «{title}» con aportes sin respuesta: {reason}"),
            None => format!("Sistematiza «{title}»"),
        }
    }
    pub fn audit_item_added(&self, code: &str) -> String {
        format!("Agrega {code}")
    }
    pub fn audit_item_changed(&self, code: &str) -> String {
        format!("Modifica {code}")
    }
    pub fn audit_item_deleted(&self, code: &str) -> String {
        format!("Elimina {code}")
    }
    pub fn audit_renumbered(&self, n: usize) -> String {
        format!("Renumera {n} códigos")
    }
    /// The summary of a structure revision of a step.
    pub fn structure_revision(&self, summary: &str) -> String {
        format!("Estructura: {summary}")
    }
    pub fn audit_horizon(&self, year: u16) -> String {
        format!("Fija el horizonte en {year}")
    }
    pub fn audit_criteria(&self, criteria: &str) -> String {
        format!("Criterios de evaluación: {criteria}")
    }
    /// "Entregable 2", or the milestone's name.
    pub fn plan_target(&self, target: crate::domain::plan::PlanTarget) -> String {
        match target {
            crate::domain::plan::PlanTarget::Deliverable(n) => format!("{} {n}", self.deliverable),
            crate::domain::plan::PlanTarget::Milestone(m) => self.milestone(m).to_string(),
        }
    }

    /// The same, short enough for a chart's row: "Entregable 2", a milestone's first words.
    pub fn plan_target_short(&self, target: crate::domain::plan::PlanTarget) -> String {
        crate::domain::text::opening_words(&self.plan_target(target), 4)
    }

    /// A line's standing: "Pendiente", "Con retraso de 12 días", "Cumplido a tiempo", …
    pub fn plan_status(&self, s: crate::domain::plan::PlanStatus) -> String {
        use crate::domain::plan::PlanStatus::*;
        match s {
            Pending => "Pendiente".to_string(),
            StartOverdue(n) => format!("Sin iniciar: el inicio previsto fue hace {n} {}", if n == 1 { self.day } else { self.days }),
            Late(n) => format!("Con retraso de {n} {}", if n == 1 { self.day } else { self.days }),
            DoneOnTime => "Cumplido a tiempo".to_string(),
            DoneLate(d) => format!("Cumplido con retraso de {}", self.duration(d)),
            Undetermined => "Cumplido; la fecha registrada (o su falta) no permite saber si a tiempo".to_string(),
        }
    }

    /// A deliverable's cell on the dashboard: "Plan: hasta 30/06/2026 · Con retraso de 12 días".
    pub fn plan_cell(&self, line: &crate::domain::plan::PlanLine) -> String {
        let replanned = if line.replanned { " (replanificado)" } else { "" };
        format!("Plan: hasta {}{replanned} · {}", line.entry.end.format("%d/%m/%Y"), self.plan_status(line.status))
    }

    /// "Versión 2 del plan, del 01/12/2026 10:30, por Ana Quispe".
    pub fn plan_version_line(&self, number: u32, when: &str, who: &str) -> String {
        format!("Versión {number} del plan, del {when}, por {who}")
    }

    pub fn plan_error(&self, e: crate::domain::plan::PlanError) -> &'static str {
        use crate::domain::plan::PlanError::*;
        match e {
            BadDate => "Escriba la fecha como día, mes y año.",
            HalfEntered => "Indique las dos fechas, inicio y fin, o deje ambas vacías.",
            EndBeforeStart => "El fin previsto no puede ser anterior al inicio.",
            Implausible => "La fecha no es verosímil: no puede ser anterior a 1990 ni posterior a quince años desde hoy.",
            Empty => "Indique las fechas de al menos un entregable o hito.",
            MissingReason => "Indique el motivo de la replanificación: queda registrado con la nueva versión.",
            ReasonTooLong => "El motivo no puede tener más de 1000 caracteres.",
            Unchanged => "Las fechas son las del plan vigente: no hay nada que replanificar.",
            UnknownTarget => "Una de las líneas del plan no corresponde a un entregable ni a un hito.",
            Stale => "Otra persona cambió el plan mientras usted lo editaba. Revise el plan vigente: sus fechas siguen en el formulario.",
        }
    }

    /// "Plan de trabajo, versión 2: El CEPLAN pidió ampliar el paso 2."
    pub fn audit_plan(&self, number: u32, reason: Option<&str>) -> String {
        match reason {
            Some(r) => format!("Plan de trabajo, versión {number}: {r}"),
            None => format!("Plan de trabajo, versión {number}"),
        }
    }

    pub fn audit_scheme(&self, scheme: crate::domain::structure::CodeScheme) -> String {
        let n = crate::domain::structure::CodeScheme::ALL.iter().position(|s| *s == scheme).unwrap_or(0);
        format!("Numeración de los códigos: {}", self.code_schemes[n])
    }
    pub fn audit_attributes(&self, attributes: &str) -> String {
        format!("Atributos de los estándares: {attributes}")
    }
    pub fn notice_round_opened(&self, title: &str, code: &str, deliverable: u8) -> String {
        format!("Nueva consulta abierta para usted: «{title}» ({code}, Entregable {deliverable}).")
    }
    pub fn notice_answered(&self, number: u32, title: &str) -> String {
        format!("Su aporte N° {number} en «{title}» tiene respuesta.")
    }
}

/// The follow-up (seguimiento) of approved policies.
impl Catalog {
    pub fn followup_title(&self) -> &'static str {
        "Seguimiento"
    }
    pub fn followup_heading(&self) -> &'static str {
        "Seguimiento de la política"
    }
    pub fn followup_intro(&self) -> &'static str {
        "Cada año, las entidades responsables registran el valor obtenido de cada indicador, con su fuente y la fecha del dato. Pasos calcula el avance frente al logro esperado de la ficha técnica según el sentido del indicador, y el equipo escribe el análisis de cada objetivo prioritario, que se revisa antes de cerrar el reporte de seguimiento."
    }
    pub fn followup_not_approved(&self) -> &'static str {
        "Aún no se registra la aprobación de la política: el seguimiento empieza con el decreto supremo que la aprueba (se registra como hito en la ficha de la política)."
    }
    /// "Aprobada mediante Decreto Supremo N° 009-2021-IN (27/07/2021)."
    pub fn followup_approved(&self, decree: Option<&str>, when: &str) -> String {
        match decree {
            Some(d) => format!("Aprobada mediante {d} ({when})."),
            None => format!("Aprobada el {when}."),
        }
    }
    pub fn followup_periods(&self) -> &'static str {
        "Reportes de seguimiento"
    }
    pub fn followup_no_periods(&self) -> &'static str {
        "Aún no se abre ningún periodo de seguimiento."
    }
    pub fn followup_year(&self) -> &'static str {
        "Año"
    }
    pub fn followup_situation(&self) -> &'static str {
        "Situación"
    }
    pub fn followup_state(&self, open: bool) -> &'static str {
        if open { "En elaboración" } else { "Cerrado" }
    }
    pub fn followup_open_heading(&self) -> &'static str {
        "Abrir el periodo de un año"
    }
    pub fn followup_open_hint(&self) -> &'static str {
        "Se abre un periodo por año, desde el año de aprobación hasta el actual. Abierto, las entidades responsables registran sus valores."
    }
    pub fn followup_open_button(&self) -> &'static str {
        "Abrir el periodo"
    }
    pub fn followup_no_year_left(&self) -> &'static str {
        "Ya se abrieron los periodos de todos los años desde la aprobación."
    }
    pub fn followup_green_from(&self) -> &'static str {
        "Verde desde (% de avance)"
    }
    pub fn followup_amber_from(&self) -> &'static str {
        "Ámbar desde (% de avance)"
    }
    pub fn followup_thresholds_heading(&self) -> &'static str {
        "Umbrales del semáforo"
    }
    pub fn followup_thresholds_hint(&self) -> &'static str {
        "Los umbrales son del equipo de la política: se proponen los del último periodo, o 90 % y 70 % (los de Pasos, no cifras de la guía del CEPLAN) en el primero."
    }
    /// "Verde desde 90 % de avance; ámbar desde 70 %; rojo por debajo."
    pub fn followup_thresholds(&self, t: crate::domain::followup::Thresholds) -> String {
        format!("Verde desde {} % de avance; ámbar desde {} %; rojo por debajo.", t.green, t.amber)
    }
    pub fn followup_thresholds_button(&self) -> &'static str {
        "Guardar los umbrales"
    }
    pub fn followup_thresholds_saved(&self) -> &'static str {
        "Umbrales guardados: el semáforo se recalculó con ellos."
    }
    pub fn followup_report_title(&self, year: u16) -> String {
        format!("Reporte de seguimiento {year}")
    }
    pub fn followup_opened(&self, year: u16) -> String {
        format!("Periodo {year} abierto: las entidades responsables ya pueden registrar sus valores.")
    }
    pub fn followup_opened_by(&self, who: &str, at: &chrono::DateTime<chrono::Utc>) -> String {
        format!("En elaboración: abierto por {who} el {}.", crate::domain::time::moment(at))
    }
    pub fn followup_closed_by(&self, who: &str, at: &chrono::DateTime<chrono::Utc>) -> String {
        format!("Cerrado por {who} el {}: ya no recibe valores ni cambios en los análisis.", crate::domain::time::moment(at))
    }
    pub fn followup_illustrative(&self) -> &'static str {
        "Los indicadores cuyo nombre empieza por «Ejemplo ilustrativo» no son de la política aprobada: se cargaron para mostrar el seguimiento. Sus líneas de base y logros esperados no son oficiales; cada valor obtenido dice su fuente."
    }
    pub fn followup_summary(&self) -> &'static str {
        "Resumen"
    }
    /// The lights in words, always beside their colour.
    pub fn light(&self, l: crate::domain::followup::Light) -> &'static str {
        use crate::domain::followup::Light::*;
        match l {
            Verde => "Verde: avance adecuado",
            Ambar => "Ámbar: en riesgo",
            Rojo => "Rojo: rezagado",
        }
    }
    pub fn light_short(&self, l: crate::domain::followup::Light) -> &'static str {
        use crate::domain::followup::Light::*;
        match l {
            Verde => "Verde",
            Ambar => "Ámbar",
            Rojo => "Rojo",
        }
    }
    pub fn followup_without_data(&self) -> &'static str {
        "Sin dato"
    }
    pub fn followup_without_target(&self) -> &'static str {
        "Sin logro esperado para el año"
    }
    pub fn followup_not_computable(&self) -> &'static str {
        "No calculable"
    }
    /// The light of an indicator in words: "Verde (provisional)", "Sin dato".
    pub fn light_words(&self, s: crate::domain::followup::Standing) -> String {
        use crate::domain::followup::Standing::*;
        match s {
            Measured { light, provisional, .. } => format!("{}{}", self.light_short(light), if provisional { " (provisional)" } else { "" }),
            NoValue => self.followup_without_data().into(),
            NoTarget => self.followup_without_target().into(),
            NotComputable => self.followup_not_computable().into(),
        }
    }
    /// A percentage with one decimal, as Peru writes it: "92,9 %".
    pub fn percent(&self, p: f64) -> String {
        format!("{:.1} %", p).replace('.', ",")
    }
    /// "De 5 indicadores con logro esperado para 2024: 2 en verde, 1 en ámbar, 0 en rojo y 2 sin dato (1 con valor provisional)."
    pub fn tally(&self, year: u16, t: &crate::domain::followup::Tally) -> String {
        let with_target = t.measured() + t.without_data;
        if with_target == 0 {
            return format!("Ningún indicador tiene logro esperado para {year} en su ficha técnica.");
        }
        let provisional = match t.provisional {
            0 => String::new(),
            1 => " (1 con valor provisional)".into(),
            n => format!(" ({n} con valor provisional)"),
        };
        let noun = if with_target == 1 { "indicador" } else { "indicadores" };
        format!("De {with_target} {noun} con logro esperado para {year}: {} en verde, {} en ámbar, {} en rojo y {} sin dato{provisional}.", t.verde, t.ambar, t.rojo, t.without_data)
    }
    pub fn direction(&self, d: crate::domain::followup::Direction) -> &'static str {
        use crate::domain::followup::Direction::*;
        match d {
            Ascendente => "Ascendente",
            Descendente => "Descendente",
            Constante => "Constante",
        }
    }
    pub fn followup_columns(&self, year: u16) -> [String; 7] {
        ["Código".into(), "Indicador".into(), "Responsable".into(), format!("Logro esperado {year}"), "Valor obtenido".into(), "Avance".into(), "Semáforo".into()]
    }
    pub fn followup_objectives(&self) -> &'static str {
        "Objetivos prioritarios"
    }
    pub fn followup_services(&self) -> &'static str {
        "Indicadores de los servicios"
    }
    pub fn followup_no_objectives(&self) -> &'static str {
        "La política no tiene objetivos prioritarios registrados en su estructura (paso 5): no hay indicadores que seguir."
    }
    pub fn followup_no_indicators(&self) -> &'static str {
        "Este objetivo no tiene indicadores registrados en la estructura."
    }
    pub fn followup_direction(&self) -> &'static str {
        "Sentido esperado"
    }
    pub fn followup_not_said(&self) -> &'static str {
        "No indicado en la ficha"
    }
    pub fn followup_value(&self) -> &'static str {
        "Valor obtenido"
    }
    pub fn followup_source(&self) -> &'static str {
        "Fuente"
    }
    pub fn followup_data_date(&self) -> &'static str {
        "Fecha del dato"
    }
    pub fn followup_explanation(&self) -> &'static str {
        "Explicación"
    }
    pub fn followup_no_value(&self) -> &'static str {
        "Aún no se registra el valor del año."
    }
    /// "Historial de valores (2)".
    pub fn followup_history(&self, n: usize) -> String {
        format!("Historial de valores ({n})")
    }
    /// One record of the history: "45,5 % (provisional) · fuente: ENAHO · dato al 01/05/2025 · registrado por Ana el 02/05/2025 10:30".
    pub fn followup_record(&self, v: &crate::domain::followup::ValueRecord) -> String {
        format!(
            "{}{} · fuente: {} · dato al {} · registrado por {} el {}",
            v.value,
            if v.provisional { " (provisional)" } else { "" },
            v.source,
            v.data_date.format("%d/%m/%Y"),
            v.author,
            crate::domain::time::moment(&v.at)
        )
    }
    pub fn followup_file(&self) -> &'static str {
        "Sustento"
    }
    pub fn followup_value_form(&self, replacing: bool) -> &'static str {
        if replacing { "Registrar un nuevo valor (el actual queda en el historial)" } else { "Registrar el valor obtenido" }
    }
    pub fn followup_source_hint(&self) -> &'static str {
        "La encuesta, el registro administrativo o el documento de donde sale la cifra."
    }
    pub fn followup_data_date_hint(&self, year: u16) -> String {
        format!("La fecha de corte de la cifra: en {year} o después, no posterior a hoy.")
    }
    pub fn followup_provisional_label(&self) -> &'static str {
        "Es un valor provisional: se reemplazará por el definitivo"
    }
    pub fn followup_file_label(&self) -> &'static str {
        "Archivo (PDF, DOCX o XLSX de hasta 10 MB)"
    }
    pub fn followup_attach(&self) -> &'static str {
        "Adjuntar el archivo de sustento del valor vigente"
    }
    pub fn followup_attach_button(&self) -> &'static str {
        "Adjuntar el archivo"
    }
    pub fn followup_file_saved(&self) -> &'static str {
        "Archivo de sustento adjunto al valor vigente."
    }
    pub fn followup_current(&self) -> &'static str {
        "vigente"
    }
    pub fn followup_close_confirm(&self) -> &'static str {
        "Confirmo que el reporte está completo: cerrado, no se puede reabrir ni cambiar"
    }
    /// Indicators without data when the report is closed.
    pub fn followup_close_without_data(&self, n: usize) -> String {
        match n {
            0 => String::new(),
            1 => "Un indicador con logro esperado para el año aún no tiene valor: se cerrará sin dato.".into(),
            n => format!("{n} indicadores con logro esperado para el año aún no tienen valor: se cerrarán sin dato."),
        }
    }
    pub fn followup_analysis_edit(&self, existing: bool) -> &'static str {
        if existing { "Corregir el análisis" } else { "Escribir el análisis" }
    }
    /// What a value is written as, by the ficha's parameter; with its unit when it has one.
    pub fn followup_value_hint_for(&self, parameter: &str, unit: &str) -> String {
        let how = match parameter {
            "porcentaje" => "Un porcentaje entre 0 y 100, con coma decimal: 45,5.",
            "numero" => "Un número entero, sin separador de miles: 2163.",
            _ => "Un número, con coma decimal: 12,5.",
        };
        if unit.trim().is_empty() { how.to_string() } else { format!("{how} Unidad: {}.", unit.trim()) }
    }
    pub fn followup_record_button(&self) -> &'static str {
        "Registrar el valor"
    }
    pub fn followup_value_saved(&self) -> &'static str {
        "Valor registrado."
    }
    pub fn followup_value_unchanged(&self) -> &'static str {
        "Ese valor, con la misma fuente, fecha y explicación, ya estaba registrado: no se guardó de nuevo."
    }
    pub fn followup_kept(&self) -> &'static str {
        "Lo que usted escribió, sin guardar:"
    }
    pub fn followup_analysis(&self) -> &'static str {
        "Análisis del objetivo"
    }
    pub fn followup_analysis_hint(&self) -> &'static str {
        "En Markdown. Se revisa antes de cerrar el reporte; un cambio posterior necesita una nueva revisión."
    }
    pub fn followup_analysis_none(&self) -> &'static str {
        "Aún no se escribe el análisis de este objetivo."
    }
    pub fn followup_analysis_draft(&self, version: u32, who: &str, at: &chrono::DateTime<chrono::Utc>) -> String {
        format!("Versión {version}, de {who} ({}): sin revisar.", crate::domain::time::moment(at))
    }
    pub fn followup_analysis_reviewed(&self, version: u32, who: &str, at: &chrono::DateTime<chrono::Utc>) -> String {
        format!("Versión {version}, revisada por {who} el {}.", crate::domain::time::moment(at))
    }
    pub fn followup_analysis_save(&self) -> &'static str {
        "Guardar el análisis"
    }
    pub fn followup_analysis_saved(&self) -> &'static str {
        "Análisis guardado. Falta su revisión antes de cerrar el reporte."
    }
    pub fn followup_review_button(&self) -> &'static str {
        "Marcar esta versión como revisada"
    }
    pub fn followup_reviewed(&self) -> &'static str {
        "Análisis marcado como revisado."
    }
    pub fn followup_close_heading(&self) -> &'static str {
        "Cerrar el reporte"
    }
    pub fn followup_close_hint(&self) -> &'static str {
        "Cerrado, el reporte queda como está: no recibe más valores ni cambios en los análisis. Los valores provisionales quedan marcados como tales."
    }
    pub fn followup_close_button(&self, year: u16) -> String {
        format!("Cerrar el reporte de seguimiento {year}")
    }
    pub fn followup_closed(&self) -> &'static str {
        "Reporte cerrado."
    }
    /// What is missing before a period can close.
    pub fn followup_close_blocked(&self, missing: &[String], unreviewed: &[String]) -> String {
        let mut out = Vec::new();
        if !missing.is_empty() {
            out.push(format!("falta el análisis de {}", missing.join(", ")));
        }
        if !unreviewed.is_empty() {
            out.push(format!("falta revisar el análisis de {}", unreviewed.join(", ")));
        }
        format!("Aún no se puede cerrar: {}.", out.join("; "))
    }
    pub fn followup_docx(&self) -> &'static str {
        "Descargar en Word (DOCX)"
    }
    pub fn followup_xlsx(&self) -> &'static str {
        "Descargar en Excel (XLSX)"
    }
    pub fn followup_sheet(&self) -> &'static str {
        "Seguimiento"
    }
    /// The columns of the workbook.
    pub fn followup_sheet_columns(&self, year: u16) -> Vec<String> {
        [
            "Objetivo o servicio", "Código", "Indicador", "Responsable", "Sentido esperado", &format!("Logro esperado {year}"), "Valor obtenido", "Provisional",
            "Avance (%)", "Semáforo", "Fuente", "Fecha del dato", "Explicación", "Registrado por", "Registrado el",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }
    pub fn followup_draft_note(&self) -> &'static str {
        "Borrador: el reporte sigue en elaboración y sus cifras pueden cambiar."
    }
    pub fn followup_error(&self, e: crate::domain::followup::FollowUpError) -> &'static str {
        use crate::domain::followup::FollowUpError::*;
        match e {
            NotApproved => "La aprobación de la política no está registrada: aún no hay seguimiento que abrir.",
            BadYear => "Elija un año desde el de la aprobación hasta el actual.",
            PeriodExists => "El periodo de ese año ya está abierto.",
            Closed => "El reporte de ese año está cerrado: ya no recibe valores ni cambios. Su texto está abajo, sin guardar.",
            NotAnIndicator => "El indicador elegido no es de esta política.",
            BadValue => "Escriba el valor como un número que admita el parámetro de medición del indicador (un porcentaje entre 0 y 100; una cantidad no negativa), sin «al menos».",
            MissingSource => "Indique la fuente del valor.",
            BadDate => "La fecha del dato debe ser del año del reporte o posterior, y no posterior a hoy.",
            TooLong => "La fuente puede tener hasta 300 caracteres; la explicación, hasta 2000; el análisis, hasta 20 000.",
            MissingAnalysis => "Escriba el análisis antes de guardarlo.",
            AnalysisChanged => "Otra persona guardó este análisis mientras usted lo editaba. Su texto está abajo, sin guardar; compárelo con el vigente y guárdelo de nuevo.",
            NotReviewed => "Cada objetivo necesita su análisis revisado antes de cerrar el reporte.",
            BadThresholds => "Los umbrales son números enteros: ámbar mayor que 0 y menor que verde, verde hasta 100.",
            BadFile => "El archivo de sustento debe ser un PDF, DOCX o XLSX de hasta 10 MB: elija otro.",
            NotWhole => "Este indicador cuenta cosas enteras: escriba el número sin decimales ni separador de miles (2163, no 2.163).",
            OwnAnalysis => "La revisión la hace otra persona del equipo o un directivo, no quien escribió esta versión del análisis.",
            NotConfirmed => "Marque la confirmación para cerrar el reporte.",
            NoValueYet => "Registre primero el valor obtenido: el archivo sustenta el valor vigente.",
        }
    }
    pub fn home_reporting(&self) -> &'static str {
        "Mis indicadores por reportar"
    }
    pub fn home_reporting_intro(&self) -> &'static str {
        "Las políticas en seguimiento cuyos indicadores su entidad reporta: en el periodo abierto de cada una, registre el valor obtenido de cada indicador con su fuente."
    }
    pub fn home_reporting_no_period(&self) -> &'static str {
        "No hay un periodo de seguimiento abierto: el equipo de la política lo abre cada año."
    }
    pub fn home_reporting_none(&self) -> &'static str {
        "Ningún indicador de esta política nombra a su entidad como responsable en su ficha técnica."
    }
    pub fn home_reporting_state(&self, recorded: bool) -> &'static str {
        if recorded { "valor registrado" } else { "por reportar" }
    }
    pub fn implementation_heading(&self) -> &'static str {
        "Implementación de las políticas aprobadas"
    }
    pub fn implementation_hint(&self) -> &'static str {
        "Por política y año de seguimiento: cuántos indicadores con logro esperado para el año están en verde, en ámbar, en rojo o sin dato."
    }
    pub fn implementation_none(&self) -> &'static str {
        "Ninguna política aprobada tiene aún un periodo de seguimiento."
    }
    pub fn audit_period_opened(&self, year: u16) -> String {
        format!("Seguimiento: periodo {year} abierto")
    }
    pub fn audit_thresholds(&self, year: u16, t: crate::domain::followup::Thresholds) -> String {
        format!("Seguimiento {year}: umbrales del semáforo {} % y {} %", t.green, t.amber)
    }
    pub fn audit_period_closed(&self, year: u16) -> String {
        format!("Seguimiento: reporte {year} cerrado")
    }
    pub fn audit_value(&self, year: u16, value: &str, provisional: bool) -> String {
        format!("Seguimiento {year}: valor obtenido {value}{}", if provisional { " (provisional)" } else { "" })
    }
    pub fn audit_analysis(&self, year: u16, version: u32) -> String {
        format!("Seguimiento {year}: análisis de un objetivo, versión {version}")
    }
    pub fn audit_analysis_reviewed(&self, year: u16, version: u32) -> String {
        format!("Seguimiento {year}: análisis de un objetivo revisado (versión {version})")
    }
}

/// What the store's failures say, on the command line and in the logs (`store::StoreError`).
#[cfg(feature = "ssr")]
impl Catalog {
    pub fn store_connect(&self, url: &str, cause: &str) -> String {
        format!("no se pudo abrir la base de datos {url}: {cause}")
    }
    pub fn store_newer_schema(&self, found: i64, known: i64) -> String {
        format!(
            "la base de datos tiene el esquema {found}, más nuevo que el {known} que conoce esta versión de Pasos; actualice Pasos (la base de datos no se modificó)"
        )
    }
    pub fn store_migration(&self, version: i64, statement: usize, cause: &str) -> String {
        format!("la migración {version} falló en la sentencia {statement}: {cause}")
    }
    pub fn store_in_use(&self, url: &str) -> String {
        format!(
            "la base de datos {url} está abierta por otro proceso (un `pasos serve` en marcha): deténgalo y vuelva a intentarlo; la base embebida solo admite un proceso a la vez. Para copias sin detener el servicio, use un servidor SurrealDB (ws://) y `surreal export`"
        )
    }
    pub fn store_duplicate_policy(&self, code: &str) -> String {
        format!("ya existe una política con el código {code}")
    }
    pub fn store_duplicate_email(&self, email: &str) -> String {
        format!("ya existe una cuenta con el correo {email}")
    }
    pub fn store_last_admin(&self) -> &'static str {
        "el cambio dejaría a Pasos sin ninguna cuenta de administración activa"
    }
    pub fn store_corrupt(&self, what: &str) -> String {
        format!("datos inválidos en la base de datos: {what}")
    }
    pub fn store_backup_on_server(&self, endpoint: &str) -> String {
        format!(
            "las copias de una base de datos en un servidor SurrealDB se hacen con las herramientas del servidor: `surreal export --endpoint {endpoint} --namespace pasos --database NOMBRE ARCHIVO` (y `surreal import` para restaurar); el archivo es el mismo SurrealQL que escribe `pasos backup`"
        )
    }
}

/// Notices by e-mail: the messages, the account's choice and the administrators' outbox.
impl Catalog {
    pub fn mail_subject_prefix(&self) -> &'static str {
        "[Pasos]"
    }
    pub fn mail_digest_subject(&self, n: usize, day: &str) -> String {
        if n == 1 { format!("Resumen del {day}: 1 aviso") } else { format!("Resumen del {day}: {n} avisos") }
    }
    pub fn mail_one_notice(&self) -> String {
        "Tiene un aviso nuevo en Pasos:".to_string()
    }
    pub fn mail_digest_intro(&self, n: usize) -> String {
        if n == 1 { "Desde el último resumen tiene 1 aviso en Pasos:".to_string() } else { format!("Desde el último resumen tiene {n} avisos en Pasos:") }
    }
    pub fn mail_greeting(&self, name: &str) -> String {
        format!("Hola, {name}:")
    }
    pub fn mail_open_link(&self) -> &'static str {
        "Abrir en Pasos"
    }
    pub fn mail_footer(&self) -> &'static str {
        "Recibe este correo porque tiene una cuenta en Pasos. Los aportes se envían en la plataforma: una respuesta a este correo no se registra como aporte."
    }
    pub fn mail_change_frequency(&self) -> &'static str {
        "Elija cada cuánto recibir estos correos en su cuenta"
    }
    /// To the policy's team, when CEPLAN's observations to a deliverable are recorded.
    pub fn notice_observations(&self, code: &str, deliverable: u8) -> String {
        format!("Se registraron las observaciones de CEPLAN al Entregable {deliverable} de {code}.")
    }
    /// To the team and the managers, when a line of the work plan passed its planned end undone.
    pub fn notice_late(&self, code: &str, target: &str, end: &str) -> String {
        format!("{target} de {code} está con retraso respecto del plan de trabajo: su fin previsto era el {end}.")
    }
    pub fn mail_section_title(&self) -> &'static str {
        "Avisos por correo"
    }
    pub fn mail_frequency_legend(&self) -> &'static str {
        "¿Cada cuánto quiere recibir sus avisos por correo?"
    }
    pub fn mail_frequency(&self, f: crate::domain::mail::Frequency) -> &'static str {
        use crate::domain::mail::Frequency::*;
        match f {
            Inmediato => "En el momento: un correo por aviso",
            Diario => "Un resumen al día",
            Ninguno => "Ninguno: solo en la campana de avisos",
        }
    }
    pub fn mail_digest_hint(&self, hour: u32) -> String {
        format!("El resumen diario sale a las {hour:02}:00 (hora de Lima) con los avisos del día anterior.")
    }
    pub fn mail_frequency_save(&self) -> &'static str {
        "Guardar preferencia"
    }
    pub fn mail_frequency_saved(&self) -> &'static str {
        "Su preferencia de correo se guardó."
    }
    pub fn mail_frequency_bad(&self) -> &'static str {
        "Elija una de las opciones."
    }
    pub fn mail_off(&self) -> &'static str {
        "El envío de correos no está activado en esta instalación: por ahora sus avisos solo aparecen en la campana."
    }
    pub fn mail_sent_to(&self, email: &str) -> String {
        format!("Los correos se envían a {email}.")
    }
    pub fn nav_outbox(&self) -> &'static str {
        "Correos"
    }
    pub fn admin_mail_title(&self) -> &'static str {
        "Correos de aviso"
    }
    pub fn admin_mail_intro(&self) -> &'static str {
        "Los correos que no se pudieron enviar: cada uno se reintenta con esperas crecientes y, tras el último intento, queda como fallido hasta que lo reintente."
    }
    pub fn admin_mail_counts(&self, pending: usize, sent: usize, failed: usize) -> String {
        format!("Por enviar: {pending} · enviados: {sent} · fallidos: {failed}")
    }
    pub fn admin_mail_none(&self) -> &'static str {
        "No hay correos con fallas de envío."
    }
    pub fn admin_mail_columns(&self) -> [&'static str; 6] {
        ["Destinatario", "Asunto", "Creado", "Intentos", "Último error", "Estado"]
    }
    pub fn admin_mail_failed(&self) -> &'static str {
        "Fallido"
    }
    pub fn admin_mail_retrying(&self, next: &str) -> String {
        format!("Se reintentará el {next}")
    }
    pub fn admin_mail_retry(&self) -> &'static str {
        "Reintentar ahora"
    }
    pub fn admin_mail_retried(&self) -> &'static str {
        "El correo se enviará de nuevo en el próximo minuto."
    }
    pub fn bad_mail_setting(&self, variable: &str) -> String {
        format!("{variable} no se pudo leer: revise su valor (vea «Correo» en el README).")
    }
    pub fn bad_recipient(&self, to: &str) -> String {
        format!("La dirección {to} no es válida para enviar correo.")
    }
    pub fn admin_mail_off(&self) -> &'static str {
        "El envío de correos no está activado (PASOS_SMTP_URL no está definida): no se crean correos."
    }
}

/// The words of reading and writing a consultation offline (`public/sin-conexion.js` is told them
/// by its page; `{n}` is filled there).
pub struct OfflineWords {
    pub reading_copy: &'static str,
    pub slow_copy: &'static str,
    pub pending_title: &'static str,
    pub pending: &'static str,
    pub sent: &'static str,
    pub refused: &'static str,
    pub refused_closed: &'static str,
    pub refused_other: &'static str,
    pub see_text: &'static str,
    pub forget: &'static str,
    pub go_to_round: &'static str,
    pub sign_in_to_send: &'static str,
    pub sign_in: &'static str,
    pub sign_out_loses_one: &'static str,
    pub sign_out_loses: &'static str,
    pub kept_here: &'static str,
    pub forgotten: &'static str,
    pub back_online: &'static str,
    pub see_current: &'static str,
    pub kept_rounds: &'static str,
    pub no_kept_rounds: &'static str,
}

impl Catalog {
    pub fn offline(&self) -> OfflineWords {
        OfflineWords {
            reading_copy: "Sin conexión: está viendo la copia guardada en este dispositivo. Lo que envíe se enviará cuando vuelva la conexión.",
            slow_copy: "La conexión está muy lenta: está viendo la copia guardada en este dispositivo. Vuelva a cargar la página para ver la versión actual.",
            pending_title: "Aportes pendientes de envío",
            pending: "Pendiente de envío: se enviará cuando vuelva la conexión.",
            sent: "Su aporte pendiente se envió y quedó registrado como aporte N° {n}.",
            refused: "No se envió:",
            refused_closed: "la consulta ya cerró. Su texto se conservó.",
            refused_other: "la plataforma no lo aceptó. Su texto se conservó.",
            see_text: "Ver su texto en la consulta",
            forget: "Quitar de este dispositivo",
            go_to_round: "Ir a la consulta",
            sign_in_to_send: "Su sesión terminó: ingrese de nuevo para enviar sus aportes pendientes.",
            sign_in: "Ingresar",
            sign_out_loses_one: "Tiene 1 aporte pendiente de envío en este dispositivo. Si cierra sesión se borrará. ¿Cerrar sesión?",
            sign_out_loses: "Tiene {n} aportes pendientes de envío en este dispositivo. Si cierra sesión se borrarán. ¿Cerrar sesión?",
            kept_here: "Su aporte quedó guardado en este dispositivo y se enviará cuando vuelva la conexión.",
            forgotten: "Se quitó el aporte de este dispositivo.",
            back_online: "Volvió la conexión, pero está viendo la copia guardada en este dispositivo.",
            see_current: "Ver la versión actual",
            kept_rounds: "Consultas guardadas en este dispositivo",
            no_kept_rounds: "Todavía no hay consultas guardadas en este dispositivo: ábralas una vez con conexión.",
        }
    }
    pub fn offline_title(&self) -> &'static str {
        "Sin conexión"
    }
    pub fn offline_lead(&self) -> &'static str {
        "No hay conexión a internet y esta página no está guardada en este dispositivo."
    }
    pub fn offline_kept(&self) -> &'static str {
        "Las consultas que abrió con conexión se pueden leer sin ella, y lo que envíe en ellas se enviará cuando vuelva la conexión."
    }
}
