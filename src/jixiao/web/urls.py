from django.contrib import admin
from django.urls import path
from django.views.i18n import set_language

from jixiao.web.views import auth, dashboard, edit, exports, imports, tables, workflow

admin.site.site_header = "jixiao"

urlpatterns = [
    path("", tables.home, name="home"),
    path("login/", auth.LoginView.as_view(), name="login"),
    path("logout/", auth.logout_view, name="logout"),
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
    path("api/target/", edit.target_preview, name="api-target"),
    path("import/", imports.upload, name="import-upload"),
    path("import/<str:token>/", imports.preview, name="import-preview"),
    path("import/<str:token>/confirm/", imports.confirm, name="import-confirm"),
    path("import/<str:token>/discard/", imports.discard, name="import-discard"),
    path("admin/", admin.site.urls),
]
