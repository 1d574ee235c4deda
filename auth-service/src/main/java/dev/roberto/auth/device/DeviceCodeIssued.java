package dev.roberto.auth.device;

/**
 * A new device login as its client sees it: the secret device code to poll with, and the user code
 * and verification URI to show the person.
 */
public record DeviceCodeIssued(
    String deviceCode,
    String userCode,
    String verificationUri,
    String verificationUriComplete,
    long expiresIn,
    int interval) {}
