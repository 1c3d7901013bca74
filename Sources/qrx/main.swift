import Foundation
import QRXCLI

exit(QRXCommandLine.main(Array(CommandLine.arguments.dropFirst())))
