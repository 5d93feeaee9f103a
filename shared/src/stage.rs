//! The criminal-justice stages a response is tagged with, and the channels an invitation
//! reaches a victim through. Wire names are fixed by contract (lower case).

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// One stage of a stalking case, as the victim experienced it (DOMAIN.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    Reporting,
    Investigation,
    Cps,
    Court,
    Support,
}

impl Stage {
    pub const ALL: [Stage; 5] = [
        Stage::Reporting,
        Stage::Investigation,
        Stage::Cps,
        Stage::Court,
        Stage::Support,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Reporting => "reporting",
            Stage::Investigation => "investigation",
            Stage::Cps => "cps",
            Stage::Court => "court",
            Stage::Support => "support",
        }
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Returned when a string names no stage; carries the accepted names for the error message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownStage(pub String);

impl fmt::Display for UnknownStage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown stage '{}': expected one of reporting, investigation, cps, court, support",
            self.0
        )
    }
}

impl std::error::Error for UnknownStage {}

impl FromStr for Stage {
    type Err = UnknownStage;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Stage::ALL
            .into_iter()
            .find(|stage| stage.as_str() == s)
            .ok_or_else(|| UnknownStage(s.to_string()))
    }
}

/// How the invitation reached the victim. Stored on the response (coarse, not identifying).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    Sms,
    Advocate,
    Link,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Sms => "sms",
            Channel::Advocate => "advocate",
            Channel::Link => "link",
        }
    }
}

impl FromStr for Channel {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "sms" => Ok(Channel::Sms),
            "advocate" => Ok(Channel::Advocate),
            "link" => Ok(Channel::Link),
            other => Err(format!("unknown channel '{other}'")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stage_names_round_trip_through_text_and_json() {
        for stage in Stage::ALL {
            assert_eq!(stage.as_str().parse::<Stage>().unwrap(), stage);
            let json = serde_json::to_string(&stage).unwrap();
            assert_eq!(json, format!("\"{}\"", stage.as_str()));
        }
        assert!("Court".parse::<Stage>().is_err());
    }
}
