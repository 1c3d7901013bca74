// The QRXClassicalTests target: suites live in the files beside this one.
import XCTest
