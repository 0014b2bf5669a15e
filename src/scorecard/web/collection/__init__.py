"""Collecting a quarter's figures: opening a quarter, owners' returns, approvers' decisions and
publishing. The steps themselves are `scorecard.web.plans.workflow`'s; this app asks who may
take them, shows the forms and judges the measure again after each save."""
