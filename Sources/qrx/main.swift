import QRXCLI
