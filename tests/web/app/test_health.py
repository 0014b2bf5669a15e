"""The health check answers anyone, without touching the database (load balancers poll it)."""

from django.test import Client


def test_the_health_check_answers_ok_without_a_query(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = Client().get("/health/")

    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
