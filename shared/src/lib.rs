//! Types shared by the Yew survey client and the axum backend, so the two cannot disagree
//! about a stage, a survey definition, a submission or an error. Builds for wasm32 and native:
//! no tokio, no database types here.

pub mod account;
pub mod advocate;
pub mod error;
pub mod invitations;
pub mod staff;
pub mod stage;
pub mod submission;
pub mod survey;

pub use account::{
    AuditEntryView, LoginRequest, NewAction, NewStaffUser, NewUnit, StaffMe, StaffRole,
    StaffUserView, UpdateStaffUser,
};
pub use advocate::{
    AdvocateLinkView, AdvocateSessionCreated, AdvocateSessionRequest, PublishedAction, UnitAction,
    UnitOption,
};
pub use error::{ErrorBody, FieldErrors};
pub use invitations::{IssuedInvitation, ResponseRate, StaffBatchRequest, StaffInvitationRequest};
pub use staff::{
    AdvocateDashboard, CommentTheme, CommentThemesUpdate, DashboardExport, DashboardFilters,
    Figure, MonthFigure, QuestionShare, Share, StaffComment, StageSummary, ThemeAlert,
    ThemeComments, ThemePolarity, ThemeSummary, ThemeTrend, UnitDashboard, UnitThemeRow,
};
pub use stage::{Channel, Stage};
pub use submission::{AnswerValue, SubmissionReceipt, SubmissionRequest, YesNoNotSure};
pub use survey::{
    Choice, LocalisedText, Question, QuestionKind, ShowIf, SurveyDefinition, SurveyView,
};
