// SQLite 3 (Debian: libsqlite3-dev): the embedded storage backend of QRXStore.
#ifndef QRX_CSQLITE_SHIM_H
#define QRX_CSQLITE_SHIM_H
#include <sqlite3.h>
#endif
