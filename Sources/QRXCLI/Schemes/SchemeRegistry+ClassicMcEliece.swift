// The ClassicMcEliece schemes of the command line. Empty until that family lands.
extension SchemeRegistry {
  static var mcelieceSchemes: [any KEMScheme] { [] }
}
