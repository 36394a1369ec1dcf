package org.gatehouse.token.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;

/** The jti of an accepted client assertion, kept until the assertion has expired (replay protection). */
@Entity
@Table(name = "used_assertion_jti")
@IdClass(UsedAssertionJti.Key.class)
public class UsedAssertionJti {

    @Id
    @Column(name = "client_id", length = 255)
    public String clientId;

    @Id
    @Column(name = "jti", length = 255)
    public String jti;

    @Column(name = "exp", nullable = false)
    public Instant exp;

    public record Key(String clientId, String jti) implements Serializable {
    }
}
