// The MLKEM schemes of the command line. Empty until that family lands.
extension SchemeRegistry {
  static var mlkemSchemes: [any KEMScheme] { [] }
}
