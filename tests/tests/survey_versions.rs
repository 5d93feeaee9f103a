//! Survey versions: publishing a new version serves it to new visitors, while answers to the
//! version a victim already had open are still accepted and counted under the same question
//! ids, and a published version cannot be changed in place.

use serde_json::json;
use shared::{Stage, SurveyDefinition};
use tests::{spawn_app_with, Backend};

fn version_two(dir: &std::path::Path) {
    let mut v2: SurveyDefinition =
        serde_json::from_str(include_str!("../../backend/surveys/court.v1.json")).unwrap();
    v2.version = 2;
    v2.questions.retain(|q| q.id != "understood_outcome");
    std::fs::write(
        dir.join("court.v2.json"),
        serde_json::to_string_pretty(&v2).unwrap(),
    )
    .unwrap();
}

async fn new_versions_do_not_break_old_answers(backend: Backend) {
    let extra = tempfile::tempdir().unwrap();
    version_two(extra.path());
    let path = extra.path().to_path_buf();
    let Some(app) = spawn_app_with(backend, move |s| s.surveys_dir = Some(path)).await else {
        return;
    };
    let token = app.invite(Stage::Court, "CE").await;
    let view: shared::SurveyView = app.get_survey(&token).await.json().await.unwrap();
    assert_eq!(
        view.survey.version, 2,
        "new visitors get the latest version"
    );
    assert!(view.survey.question("understood_outcome").is_none());

    // A page opened on version 1 still submits, including a question v2 dropped.
    let old = json!({"survey_version": 1, "answers": {
        "overall": {"kind": "scale", "value": 4},
        "understood_outcome": {"kind": "yes_no", "value": "yes"}
    }});
    assert_eq!(app.post_response(&token, &old).await.status(), 201);
    // The same answer is not valid on version 2, where the question does not exist.
    let token = app.invite(Stage::Court, "CE").await;
    let new = json!({"survey_version": 2, "answers": {"understood_outcome": {"kind": "yes_no", "value": "yes"}}});
    assert_eq!(app.post_response(&token, &new).await.status(), 422);
    let new = json!({"survey_version": 2, "answers": {"overall": {"kind": "scale", "value": 2}}});
    assert_eq!(app.post_response(&token, &new).await.status(), 201);

    use backend::storage::entities::rollup_answer;
    use sea_orm::EntityTrait;
    app.fold_rollups().await;
    let overall: i64 = rollup_answer::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .iter()
        .filter(|c| c.question_id == "overall")
        .map(|c| c.count)
        .sum();
    assert_eq!(overall, 2, "both versions count under the same question id");
    let versions: Vec<i32> = app
        .responses()
        .await
        .iter()
        .map(|r| r.survey_version)
        .collect();
    assert!(versions.contains(&1) && versions.contains(&2));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn new_versions_do_not_break_old_answers_sqlite() {
    new_versions_do_not_break_old_answers(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn new_versions_do_not_break_old_answers_postgres() {
    new_versions_do_not_break_old_answers(Backend::Postgres).await;
}

#[test]
fn a_published_version_cannot_be_changed_in_place() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let data = tempfile::tempdir().unwrap();
        let settings = backend::Settings::for_data_dir(data.path().to_path_buf());
        backend::startup::prepare_database(&settings).await.unwrap();
        let extra = tempfile::tempdir().unwrap();
        let mut changed: SurveyDefinition =
            serde_json::from_str(include_str!("../../backend/surveys/court.v1.json")).unwrap();
        changed.questions.pop();
        std::fs::write(
            extra.path().join("court.v1.json"),
            serde_json::to_string(&changed).unwrap(),
        )
        .unwrap();
        let mut settings = settings;
        settings.surveys_dir = Some(extra.path().to_path_buf());
        let error = backend::startup::prepare_database(&settings)
            .await
            .unwrap_err();
        assert!(
            format!("{error:#}").contains("differs from the published version"),
            "{error:#}"
        );
    });
}
