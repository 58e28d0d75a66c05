"""Django admin for 管理员: organisations, memberships (roles) and the read-only audit log."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from jixiao.storage.models import AuditLog, Membership, Organisation


class MembershipInline(admin.TabularInline):  # type: ignore[misc]
    model = Membership
    extra = 1
    autocomplete_fields = ("user",)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):  # type: ignore[misc]
    list_display = ("name", "kind", "parent")
    list_filter = ("kind",)
    search_fields = ("name",)
    inlines = (MembershipInline,)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):  # type: ignore[misc]
    list_display = ("user", "role", "organisation")
    list_filter = ("role",)
    search_fields = ("user__username", "organisation__name")
    autocomplete_fields = ("user", "organisation")


@admin.register(AuditLog)
class AuditLogAdmin(admin.ModelAdmin):  # type: ignore[misc]
    list_display = ("at", "username", "action", "object_type", "object_id", "table")
    list_filter = ("action",)
    search_fields = ("username", "object_id")

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
