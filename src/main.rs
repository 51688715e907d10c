fn main() { homeward::start() }
