fn main() {
    homeward::start();
}
