// The Falcon schemes of the command line. Empty until that family lands.
extension SchemeRegistry {
  static var falconSchemes: [any SignatureScheme] { [] }
}
