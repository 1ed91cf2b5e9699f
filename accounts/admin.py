from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.template.defaultfilters import pluralize
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.admin import DBTaskResultAdmin  # registers the model, replaced below
from django_tasks_db.models import DBTaskResult

from accounts.models import User


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "display_name")


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = UserEditForm
    add_form = UserCreationForm
    list_display = ("email", "display_name", "is_staff", "is_active", "date_joined")
    list_filter = ("is_staff", "is_superuser", "is_active", "groups", "date_joined")
    search_fields = ("email", "display_name")
    ordering = ("-date_joined",)
    date_hierarchy = "date_joined"
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Profile", {"fields": ("display_name",)}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "display_name", "password1", "password2")}),
    )


@admin.action(description="Queue the selected failed tasks again now")
def retry_tasks(modeladmin, request, queryset):
    count = queryset.filter(status=TaskResultStatus.FAILED).update(
        status=TaskResultStatus.READY, run_after=timezone.now(), finished_at=None
    )
    modeladmin.message_user(request, f"{count} failed task{pluralize(count)} queued again; the workers take them now.")


# Background tasks (member e-mail): filter by status "Failed" to see what gave up, and queue it again.
admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class TaskAdmin(DBTaskResultAdmin):
    list_display = ("task_name", "status", "attempts", "exception_class_path", "enqueued_at", "finished_at")
    actions = [retry_tasks]

    @admin.display(description="attempts")
    def attempts(self, result):
        return len(result.worker_ids)
