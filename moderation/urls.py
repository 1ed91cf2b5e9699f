from django.urls import path

from moderation import views

app_name = "moderation"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("bulk/", views.bulk_decide, name="bulk"),
    path("cases/<int:pk>/", views.case, name="case"),
    path("appeals/<int:pk>/", views.appeal, name="appeal"),
    path("members/<int:pk>/", views.member, name="member"),
    path("members/<int:pk>/notes/", views.member_note, name="member_note"),
    path("members/<int:pk>/suspend/", views.member_bar, {"kind": "suspend"}, name="member_suspend"),
    path("members/<int:pk>/silence/", views.member_bar, {"kind": "silence"}, name="member_silence"),
    path("suspensions/<int:pk>/lift/", views.lift_suspension, name="lift_suspension"),
    path("audit/", views.audit, name="audit"),
    path("statistics/", views.stats, name="stats"),
    path("claim-model/", views.claim_models, name="claim_models"),
    path("claim-model/<int:pk>/use/", views.claim_model_switch, name="claim_model_switch"),
    path("phrases/", views.phrases, name="phrases"),
    path("phrases/add/", views.phrase_edit, name="phrase_add"),
    path("phrases/<int:pk>/", views.phrase_edit, name="phrase_edit"),
    path("phrases/<int:pk>/delete/", views.phrase_delete, name="phrase_delete"),
]
