from django.urls import path

from . import views

_CLAIM = "projects/<id:project_id>/claims/<id:claim_id>/"

urlpatterns = [
    path("projects/<id:project_id>/payments/", views.claim_list, name="claim-list"),
    path(
        "projects/<id:project_id>/payments/policy/",
        views.payment_policy_edit,
        name="payment-policy-edit",
    ),
    path(
        "projects/<id:project_id>/payments/policy/changes/<id:change_id>/",
        views.policy_change_decide,
        name="policy-change-decide",
    ),
    path("projects/<id:project_id>/payments/rates/new/", views.rate_create, name="rate-create"),
    path("projects/<id:project_id>/payments/budget/", views.budget, name="budget"),
    path(
        "projects/<id:project_id>/meetings/<id:meeting_id>/claim/",
        views.claim_start,
        name="claim-start",
    ),
    path(
        "projects/<id:project_id>/claims/between-meetings/new/",
        views.claim_between_meetings_start,
        name="claim-between-meetings-start",
    ),
    path(
        "projects/<id:project_id>/meetings/<id:meeting_id>/advance/",
        views.advance_request,
        name="advance-request",
    ),
    path(
        "projects/<id:project_id>/meetings/<id:meeting_id>/claim-for-someone/",
        views.claim_start_on_behalf,
        name="claim-start-on-behalf",
    ),
    path(_CLAIM, views.claim_detail, name="claim-detail"),
    path(_CLAIM + "expenses/new/", views.claim_expense_add, name="claim-expense-add"),
    path(_CLAIM + "time/new/", views.claim_time_add, name="claim-time-add"),
    path(_CLAIM + "lines/<id:line_id>/remove/", views.claim_line_remove, name="claim-line-remove"),
    path(_CLAIM + "lines/<id:line_id>/receipt/", views.receipt_download, name="receipt-download"),
    path(_CLAIM + "submit/", views.claim_submit, name="claim-submit"),
    path(_CLAIM + "decide/", views.claim_decide, name="claim-decide"),
    path(_CLAIM + "handed-over/", views.claim_handover, name="claim-handover"),
    path(_CLAIM + "pay-again/", views.claim_retry, name="claim-retry"),
    path(
        "projects/<id:project_id>/members/<id:membership_id>/without-email/payment/",
        views.payment_on_behalf,
        name="payment-on-behalf",
    ),
    path("payments/", views.my_payments, name="my-payments"),
    path("payments/choice/", views.payment_choice_edit, name="payment-choice-edit"),
    path("payments/benefits/", views.benefits_information, name="benefits-information"),
    path("finance/", views.finance_batch_list, name="finance-batch-list"),
    path("finance/batches/<id:batch_id>/", views.finance_batch_detail, name="finance-batch-detail"),
    path(
        "finance/batches/<id:batch_id>/file/<str:file_format>/",
        views.finance_batch_download,
        name="finance-batch-download",
    ),
    path(
        "finance/batches/<id:batch_id>/sent/",
        views.finance_batch_submit,
        name="finance-batch-submit",
    ),
    path(
        "finance/payments/<id:item_id>/failed/",
        views.finance_payment_fail,
        name="finance-payment-fail",
    ),
    path(
        "finance/holds/<id:change_id>/release/",
        views.finance_hold_release,
        name="finance-hold-release",
    ),
    path(
        "finance/bank-details/<id:change_id>/confirm/",
        views.finance_bank_details_confirm,
        name="finance-bank-details-confirm",
    ),
    path("finance/payments.csv", views.finance_export, name="finance-export"),
    path("finance/tax-years/", views.finance_tax_years, name="finance-tax-years"),
    path("finance/cash/", views.finance_cash_list, name="finance-cash-list"),
    path("finance/cash/<id:claim_id>/", views.finance_cash_record, name="finance-cash-record"),
]
