//! What staff dashboards and exports carry. Every number here has already passed the backend's
//! one suppression function: a count is either `Shown` (at least the threshold, a multiple of
//! the rounding base) or `Suppressed`, and the two cannot be confused on the wire:
//! `{"status":"shown","value":15}` versus `{"status":"suppressed"}` (never a bare 0 or null).

use crate::stage::{Channel, Stage};
use serde::{Deserialize, Serialize};
use validator::{Validate, ValidationError};

/// One count after suppression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Figure {
    Shown { value: i64 },
    Suppressed,
}

impl Figure {
    pub fn value(self) -> Option<i64> {
        match self {
            Figure::Shown { value } => Some(value),
            Figure::Suppressed => None,
        }
    }

    pub fn is_shown(self) -> bool {
        matches!(self, Figure::Shown { .. })
    }
}

/// A proportion (0..=1) with its 95% Wilson score interval, computed only from suppressed and
/// rounded counts; suppressed when either part (positive, not positive) is.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Share {
    Shown { value: f64, low: f64, high: f64 },
    Suppressed,
}

impl Share {
    pub fn is_shown(self) -> bool {
        matches!(self, Share::Shown { .. })
    }
}

/// Filters every dashboard and export takes. Months are `YYYY-MM`, both ends inclusive.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(
    feature = "openapi",
    derive(utoipa::ToSchema, utoipa::IntoParams),
    into_params(parameter_in = Query)
)]
#[serde(deny_unknown_fields)]
#[validate(schema(function = "period_is_ordered", skip_on_field_errors = true))]
pub struct DashboardFilters {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<Stage>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(custom(function = "is_month"))]
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = "^2[0-9]{3}-(0[1-9]|1[0-2])$"),
        param(pattern = "^2[0-9]{3}-(0[1-9]|1[0-2])$")
    )]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(custom(function = "is_month"))]
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = "^2[0-9]{3}-(0[1-9]|1[0-2])$"),
        param(pattern = "^2[0-9]{3}-(0[1-9]|1[0-2])$")
    )]
    pub to: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<Channel>,
}

/// Parses `YYYY-MM` into (year, month), years 2000..=2999.
pub fn parse_month(text: &str) -> Option<(i32, u8)> {
    let bytes = text.as_bytes();
    if bytes.len() != 7 || bytes[4] != b'-' {
        return None;
    }
    if !bytes[..4].iter().chain(&bytes[5..]).all(u8::is_ascii_digit) {
        return None;
    }
    let year: i32 = text[..4].parse().ok()?;
    let month: u8 = text[5..].parse().ok()?;
    ((2000..=2999).contains(&year) && (1..=12).contains(&month)).then_some((year, month))
}

fn is_month(text: &str) -> Result<(), ValidationError> {
    match parse_month(text) {
        Some(_) => Ok(()),
        None => {
            Err(ValidationError::new("month").with_message("must be a month as YYYY-MM".into()))
        }
    }
}

fn period_is_ordered(filters: &DashboardFilters) -> Result<(), ValidationError> {
    if let (Some(from), Some(to)) = (&filters.from, &filters.to) {
        // Both are valid YYYY-MM here, so text order is time order.
        if from > to {
            return Err(ValidationError::new("period")
                .with_message("the start month must not be after the end month".into()));
        }
    }
    Ok(())
}

/// One month of a trend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MonthFigure {
    /// `YYYY-MM`; a week counts towards the month its Monday falls in.
    pub month: String,
    pub figure: Figure,
}

/// Share answering positively (4 or 5 on a scale, "yes" on yes/no) for one common question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuestionShare {
    pub question_id: String,
    /// This unit.
    pub unit: Share,
    /// Every unit together, same stage and filters: the comparison shown beside it.
    pub all_units: Share,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StageSummary {
    pub stage: Stage,
    /// Responses in the period (the sum of the rounded monthly figures).
    pub responses: Figure,
    pub trend: Vec<MonthFigure>,
    pub questions: Vec<QuestionShare>,
}

/// One theme on a unit dashboard: mentions in free text, by polarity, and by month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ThemeSummary {
    pub theme: String,
    pub count: Figure,
    pub negative: Figure,
    pub positive: Figure,
    pub neutral: Figure,
    pub trend: Vec<MonthFigure>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitDashboard {
    pub unit_code: String,
    pub unit_name: String,
    pub filters: DashboardFilters,
    /// The months covered, oldest first (`YYYY-MM`).
    pub months: Vec<String>,
    /// Responses across the stages shown.
    pub responses: Figure,
    pub stages: Vec<StageSummary>,
    /// Ranked by shown count (suppressed last), then theme id.
    pub themes: Vec<ThemeSummary>,
    /// Answers and themes are not recorded by channel: with a channel filter, only response
    /// counts are filtered and this is true; shares and themes then cover every channel.
    pub channel_applies_to_responses_only: bool,
}

/// A theme across all units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ThemeTrend {
    pub theme: String,
    pub count: Figure,
    pub negative: Figure,
    pub trend: Vec<MonthFigure>,
}

/// One row of the unit x theme x month table (mentions of the theme, every polarity).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitThemeRow {
    pub unit_code: String,
    pub theme: String,
    pub total: Figure,
    pub months: Vec<MonthFigure>,
}

/// A theme whose negative mentions in a unit rose beyond what chance explains.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ThemeAlert {
    pub unit_code: String,
    pub theme: String,
    /// The latest complete month (`YYYY-MM`).
    pub month: String,
    /// Negative mentions that month (rounded, never below the count threshold).
    pub observed: i64,
    /// What the previous six months' rate per response predicts for that month's responses.
    pub expected: f64,
    /// Adjusted for the number of unit x theme pairs tested.
    pub p_value: f64,
    /// The test's name.
    pub test: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdvocateDashboard {
    pub filters: DashboardFilters,
    pub months: Vec<String>,
    /// Every theme across all units, `communication` first, then by shown count.
    pub theme_trends: Vec<ThemeTrend>,
    /// Unit x theme rows, each with its months.
    pub table: Vec<UnitThemeRow>,
    pub alerts: Vec<ThemeAlert>,
}

/// Redacted comments for one theme, or an explicit refusal when the cell is too small.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum ThemeComments {
    /// In a random order (by opaque id), never in the order people wrote.
    Shown {
        comments: Vec<StaffComment>,
    },
    TooFewToShow,
}

/// Which way a theme is mentioned in a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ThemePolarity {
    Negative,
    Positive,
    Neutral,
}

impl ThemePolarity {
    pub const ALL: [ThemePolarity; 3] = [
        ThemePolarity::Negative,
        ThemePolarity::Positive,
        ThemePolarity::Neutral,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ThemePolarity::Negative => "negative",
            ThemePolarity::Positive => "positive",
            ThemePolarity::Neutral => "neutral",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == text)
    }
}

/// One theme on one comment. The theme id must be one of the taxonomy's; the backend checks
/// that (the taxonomy is data the server holds), this type checks its shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CommentTheme {
    #[validate(length(min = 1, max = 64, message = "choose one of the themes"))]
    pub theme: String,
    pub polarity: ThemePolarity,
}

/// A redacted comment as staff read it. `id` is the comment's own random id: it names this
/// comment for a correction and joins to nothing a staff member can see (no response id, no
/// week, no time), so a list of comments cannot be lined up with anything else.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffComment {
    pub id: String,
    pub text: String,
    /// In the taxonomy's order.
    pub themes: Vec<CommentTheme>,
    /// True once a member of staff has set this comment's themes by hand; the themes are then
    /// the person's, not the tagger's.
    pub corrected_by_staff: bool,
}

/// The most themes one comment may carry (the taxonomy has 14; room for a few more).
pub const MAX_COMMENT_THEMES: u64 = 20;

/// `PUT /api/v1/staff/comments/{id}/themes`: the comment's full theme set, replacing what the
/// tagger (or an earlier correction) gave it. An empty list means "no theme applies".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CommentThemesUpdate {
    #[validate(
        length(max = MAX_COMMENT_THEMES, message = "choose at most 20 themes"),
        custom(function = "themes_are_distinct"),
        nested
    )]
    pub themes: Vec<CommentTheme>,
}

fn themes_are_distinct(themes: &[CommentTheme]) -> Result<(), ValidationError> {
    let mut seen = std::collections::BTreeSet::new();
    if themes.iter().all(|t| seen.insert(t.theme.as_str())) {
        Ok(())
    } else {
        Err(ValidationError::new("duplicate")
            .with_message("choose each theme once, with one polarity".into()))
    }
}

/// A dashboard as files: CSV text and JSON of exactly the figures the dashboard shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DashboardExport {
    pub csv: String,
    pub json: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_suppressed_cell_cannot_be_read_as_zero() {
        let shown = serde_json::to_string(&Figure::Shown { value: 15 }).unwrap();
        assert_eq!(shown, r#"{"status":"shown","value":15}"#);
        let hidden = serde_json::to_string(&Figure::Suppressed).unwrap();
        assert_eq!(hidden, r#"{"status":"suppressed"}"#);
        let back: Figure = serde_json::from_str(&hidden).unwrap();
        assert_eq!(back, Figure::Suppressed);
    }

    #[test]
    fn a_theme_set_needs_distinct_themes_and_a_sensible_size() {
        let theme = |id: &str, polarity| CommentTheme {
            theme: id.into(),
            polarity,
        };
        let ok = CommentThemesUpdate {
            themes: vec![
                theme("communication", ThemePolarity::Negative),
                theme("positive", ThemePolarity::Positive),
            ],
        };
        assert!(ok.validate().is_ok());
        assert!(CommentThemesUpdate { themes: vec![] }.validate().is_ok());
        let twice = CommentThemesUpdate {
            themes: vec![
                theme("communication", ThemePolarity::Negative),
                theme("communication", ThemePolarity::Positive),
            ],
        };
        let errors = crate::error::from_validation_errors(&twice.validate().unwrap_err());
        assert!(errors.contains_key("themes"), "{errors:?}");
        let blank = CommentThemesUpdate {
            themes: vec![theme("", ThemePolarity::Neutral)],
        };
        let errors = crate::error::from_validation_errors(&blank.validate().unwrap_err());
        assert!(errors.contains_key("themes[0].theme"), "{errors:?}");
        let many = CommentThemesUpdate {
            themes: (0..21)
                .map(|i| theme(&format!("t{i}"), ThemePolarity::Neutral))
                .collect(),
        };
        assert!(many.validate().is_err());
        let wire: CommentThemesUpdate =
            serde_json::from_str(r#"{"themes":[{"theme":"withdrawal","polarity":"neutral"}]}"#)
                .unwrap();
        assert_eq!(wire.themes[0].polarity, ThemePolarity::Neutral);
        for polarity in ThemePolarity::ALL {
            assert_eq!(ThemePolarity::parse(polarity.as_str()), Some(polarity));
        }
    }

    #[test]
    fn filters_need_real_months_in_order() {
        let ok = DashboardFilters {
            from: Some("2026-01".into()),
            to: Some("2026-03".into()),
            ..Default::default()
        };
        assert!(ok.validate().is_ok());
        for bad in [
            "2026-13", "26-01", "2026-1", "2026/01", "abcd-ef", "2026-00",
        ] {
            let f = DashboardFilters {
                from: Some(bad.into()),
                ..Default::default()
            };
            assert!(f.validate().is_err(), "{bad}");
        }
        let reversed = DashboardFilters {
            from: Some("2026-04".into()),
            to: Some("2026-03".into()),
            ..Default::default()
        };
        assert!(reversed.validate().is_err());
    }
}
