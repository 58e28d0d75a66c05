from django.contrib import admin
from django.urls import path
from django.views.i18n import set_language

from jixiao.web.views import (
    auth,
    dashboard,
    edit,
    evaluation,
    exports,
    imports,
    manage,
    tables,
    workflow,
)

admin.site.site_header = "jixiao"

urlpatterns = [
    path("", tables.home, name="home"),
    path("login/", auth.LoginView.as_view(), name="login"),
    path("logout/", auth.logout_view, name="logout"),
    path("password/", auth.PasswordChangeView.as_view(), name="password-change"),
    path("i18n/setlang/", auth.login_not_required(set_language), name="set_language"),
    path("tables/", tables.table_list, name="table-list"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("tables/export.<str:fmt>", exports.table_list_export, name="table-list-export"),
    path("tables/<int:pk>/", tables.table_detail, name="table-detail"),
    path("tables/<int:pk>/download.<str:fmt>", exports.table_download, name="table-download"),
    path(
        "tables/<int:pk>/history.<str:fmt>",
        exports.table_history_export,
        name="table-history-export",
    ),
    path("tables/<int:pk>/history/", tables.table_history, name="table-history"),
    path("tables/<int:pk>/compare/", tables.table_compare, name="table-compare"),
    path("tables/<int:pk>/edit/", edit.table_edit, name="table-edit"),
    path("tables/<int:pk>/submit/", workflow.submit, name="table-submit"),
    path("tables/<int:pk>/review/", workflow.review, name="table-review"),
    path("tables/<int:pk>/adjust/", workflow.adjust, name="table-adjust"),
    path("tables/<int:pk>/monitoring/", evaluation.monitoring_latest, name="monitoring-latest"),
    path("api/target/", edit.target_preview, name="api-target"),
    path("import/", imports.upload, name="import-upload"),
    path("import/<str:token>/", imports.preview, name="import-preview"),
    path("import/<str:token>/confirm/", imports.confirm, name="import-confirm"),
    path("import/<str:token>/discard/", imports.discard, name="import-discard"),
    path("manage/", manage.manage_home, name="manage"),
    path("manage/organisations/", manage.organisation_create, name="manage-org-create"),
    path("manage/users/", manage.user_create, name="manage-user-create"),
    path("manage/roles/", manage.role_add, name="manage-role-add"),
    path("manage/users/<int:pk>/active/", manage.user_active, name="manage-user-active"),
    path("manage/roles/<int:pk>/remove/", manage.role_remove, name="manage-role-remove"),
    path("admin/", admin.site.urls),
]

# Self-evaluation and monitoring rounds share their views; kind and month come from the URL.
_ROUNDS = (
    ("evaluation", "tables/<int:pk>/evaluation/", {"kind": "selfeval"}),
    ("monitoring", "tables/<int:pk>/monitoring/<int:month>/", {"kind": "monitor"}),
)
for _name, _route, _kind in _ROUNDS:
    urlpatterns += [
        path(_route, evaluation.evaluation_page, _kind, name=_name),
        path(f"{_route}score/", evaluation.evaluation_score, _kind, name=f"{_name}-score"),
        path(f"{_route}submit/", evaluation.evaluation_submit, _kind, name=f"{_name}-submit"),
        path(f"{_route}review/", evaluation.evaluation_review, _kind, name=f"{_name}-review"),
        path(f"{_route}upload/", evaluation.evaluation_upload, _kind, name=f"{_name}-upload"),
        path(
            f"{_route}template.xlsx",
            evaluation.evaluation_template,
            _kind,
            name=f"{_name}-template",
        ),
        path(
            f"{_route}download.<str:fmt>",
            evaluation.evaluation_download,
            _kind,
            name=f"{_name}-download",
        ),
    ]
