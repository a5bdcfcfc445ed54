"""Signed certificates as Open Badges 3.0 credentials (W3C VC 2.0), pure
Python: no Django import anywhere in this package.

- ``keys``: Ed25519 issuer keys, Multikey encoding, the published key document;
- ``signing``: Data Integrity proofs with the ``eddsa-rdfc-2022`` cryptosuite;
- ``verify``: checks a signed credential (structure, proof, issuer key,
  validity period, revocation) and reports valid / expired / revoked / invalid;
- ``status_list``: W3C Bitstring Status List v1.0 (revocation);
- ``badge``: builds the unsigned OpenBadgeCredential from plain values;
- ``contexts``: the JSON-LD document loader serving only the bundled contexts
  (never the network); ``multibase``: base58btc and base64url multibase.
"""
