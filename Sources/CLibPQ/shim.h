// libpq (Debian: libpq-dev): the PostgreSQL client library behind QRXStore's PostgreSQL backend.
// pkg-config libpq adds -I/usr/include/postgresql.
#ifndef QRX_CLIBPQ_SHIM_H
#define QRX_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
