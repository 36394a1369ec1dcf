-- Failed /authenticate attempts are now counted where accounts live (registration-service's login_attempt, shared
-- with the login page), so this service's own counters go.
DROP TABLE login_throttle;
